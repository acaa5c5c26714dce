package org.ontask.dataops.view;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.TableStore;
import org.ontask.platform.internal.InternalCalls;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /internal/workflows/{id}/views[/{viewId}]}: the views' filters for
 * action-service, to the workflow's users only, over signed calls only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InternalViewIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 7_000_000);

	private static final String OWNER = "owner@example.org";

	private static final String STRANGER = "stranger@example.org";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FASS = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"program\",\"field\":\"program\","
			+ "\"type\":\"string\",\"operator\":\"equal\",\"value\":\"FASS\"}]}";

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TableStore store;

	@Autowired
	private InternalCalls internalCalls;

	@Autowired
	private ViewService views;

	private long students() {
		long id = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", id,
				"Course " + id, OWNER, Timestamp.from(Instant.now()));
		this.store.replace(id, List.of(new ColumnSpec("sid", ColumnType.INTEGER, true),
				new ColumnSpec("program", ColumnType.STRING, false)), (sink) -> {
					sink.row(new Object[] { 1L, "FASS" });
					sink.row(new Object[] { 2L, "FEIT" });
				}, OWNER);
		return id;
	}

	private Object[] internal(String actingUser, String path) {
		return InternalCalls.actingAs(actingUser,
				() -> this.internalCalls.client("dataops-service")
					.method(HttpMethod.GET)
					.uri("http://localhost:" + this.port + path)
					.exchange((req, res) -> new Object[] { res.getStatusCode().value(),
							new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8) }));
	}

	@Test
	void viewsAndTheirFiltersAreListedForTheWorkflowsUsers() {
		long id = students();
		View fass = this.views.create(id, "FASS students", "only FASS", List.of("sid", "program"), FASS);
		View all = this.views.create(id, "All", "", List.of("sid"), null);

		Object[] list = internal(OWNER, "/internal/workflows/" + id + "/views");
		assertThat(list[0]).as((String) list[1]).isEqualTo(200);
		JsonNode listed = JSON.readTree((String) list[1]);
		assertThat(listed).hasSize(2);
		assertThat(listed.get(0).get("name").asString()).isEqualTo("All");
		assertThat(listed.get(0).get("filter").isNull()).isTrue();
		assertThat(listed.get(1).get("id").asLong()).isEqualTo(fass.id());
		assertThat(listed.get(1).get("filter").get("rules").get(0).get("value").asString()).isEqualTo("FASS");

		Object[] one = internal(OWNER, "/internal/workflows/" + id + "/views/" + fass.id());
		assertThat(one[0]).isEqualTo(200);
		JsonNode view = JSON.readTree((String) one[1]);
		assertThat(view.get("name").asString()).isEqualTo("FASS students");
		assertThat(view.get("columns").toString()).isEqualTo("[\"sid\",\"program\"]");
		assertThat(view.get("filter").get("rules").get(0).get("field").asString()).isEqualTo("program");
		assertThat(view.get("filterText").asString()).contains("program");
		assertThat(JSON.readTree((String) internal(OWNER, "/internal/workflows/" + id + "/views/" + all.id())[1])
			.get("filter")
			.isNull()).isTrue();
	}

	@Test
	void othersUnknownViewsAndUnsignedCallsAreRefused() {
		long id = students();
		View fass = this.views.create(id, "FASS", "", List.of("sid"), FASS);
		long other = students();
		assertThat(internal(STRANGER, "/internal/workflows/" + id + "/views")[0]).isEqualTo(404);
		assertThat(internal(STRANGER, "/internal/workflows/" + id + "/views/" + fass.id())[0]).isEqualTo(404);
		// a view of another workflow is not found through this one
		assertThat(internal(OWNER, "/internal/workflows/" + other + "/views/" + fass.id())[0]).isEqualTo(404);
		assertThat(internal(OWNER, "/internal/workflows/" + id + "/views/999999999")[0]).isEqualTo(404);
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, OWNER, OWNER, "INSTRUCTOR"));
		assertThat(browser.getJson("/internal/workflows/" + id + "/views").statusCode()).isEqualTo(401);
	}

}
