package org.ontask.dataops.column;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.TableStore;
import org.ontask.platform.internal.InternalCalls;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /internal/workflows/{id}/columns} (contract C3) over signed internal calls,
 * on real PostgreSQL, Redis and RabbitMQ: all or nothing, same-type names reused, clashes
 * refused, access checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class InternalColumnsIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 19_000_000);

	private static final String OWNER = "owner@example.org";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TableStore store;

	@Autowired
	private InternalCalls internalCalls;

	private long workflow(boolean withTable) {
		long id = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", id,
				"Course " + id, OWNER, Timestamp.from(Instant.now()));
		if (withTable) {
			this.store.replace(id, List.of(new ColumnSpec("email", ColumnType.STRING, true),
					new ColumnSpec("score", ColumnType.DOUBLE, false)), (sink) -> {
						sink.row(new Object[] { "a@example.org", 7.5 });
						sink.row(new Object[] { "b@example.org", null });
					}, OWNER);
		}
		return id;
	}

	private Object[] post(String actingUser, long id, String json) {
		Supplier<Object[]> call = () -> this.internalCalls.client("dataops-service")
			.method(HttpMethod.POST)
			.uri("http://localhost:" + this.port + "/internal/workflows/" + id + "/columns")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange((req, res) -> new Object[] { res.getStatusCode().value(),
					new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) });
		return InternalCalls.actingAs(actingUser, call);
	}

	private List<String> names(long id) {
		return this.store.columns(id).stream().map(DataColumn::name).toList();
	}

	private long added(long id) {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE event_type LIKE ? AND serialized_event LIKE ?",
				Long.class, "%.ColumnAdded", "%\"workflowId\":" + id + ",%");
		return (count != null) ? count : 0;
	}

	@Test
	void newColumnsAreAddedAndSameTypeNamesReused() {
		long id = workflow(true);
		Object[] answer = post(OWNER, id,
				"""
						{"columns": [
						  {"name": "score", "type": "double"},
						  {"name": "Effort", "type": "string", "description": "How much effort?", "categories": ["low", "high"]},
						  {"name": "Hours", "type": "integer", "description": "Hours this week", "categories": []}]}""");
		assertThat(answer[0]).as((String) answer[1]).isEqualTo(201);
		assertThat((String) answer[1])
			.contains("\"name\":\"Effort\",\"type\":\"string\",\"key\":false,"
					+ "\"categories\":[\"low\",\"high\"],\"description\":\"How much effort?\"")
			.contains("\"name\":\"Hours\"");
		assertThat(names(id)).containsExactly("email", "score", "Effort", "Hours");
		assertThat(added(id)).isEqualTo(2);
		// the same request again changes nothing
		assertThat(post(OWNER, id, "{\"columns\":[{\"name\":\"Hours\",\"type\":\"integer\"}]}")[0]).isEqualTo(201);
		assertThat(names(id)).hasSize(4);
	}

	@Test
	void aClashOrABadColumnAddsNothing() {
		long id = workflow(true);
		Object[] clash = post(OWNER, id, """
				{"columns": [{"name": "New one", "type": "string"}, {"name": "score", "type": "string"}]}""");
		assertThat(clash[0]).isEqualTo(409);
		assertThat((String) clash[1]).contains("Column \\\"score\\\" exists with type double, not string");
		Object[] category = post(OWNER, id, """
				{"columns": [{"name": "Fine", "type": "string"},
				             {"name": "Hours", "type": "integer", "categories": ["many"]}]}""");
		assertThat(category[0]).isEqualTo(400);
		Object[] type = post(OWNER, id, "{\"columns\":[{\"name\":\"X\",\"type\":\"text\"}]}");
		assertThat(type[0]).isEqualTo(400);
		assertThat((String) type[1]).contains("Unknown column type");
		assertThat(names(id)).containsExactly("email", "score");
		assertThat(added(id)).isZero();
	}

	@Test
	void noTableOrNoAccessIsNotFound() {
		long empty = workflow(false);
		assertThat(post(OWNER, empty, "{\"columns\":[{\"name\":\"X\",\"type\":\"string\"}]}")[0]).isEqualTo(404);
		long id = workflow(true);
		assertThat(post("stranger@example.org", id, "{\"columns\":[{\"name\":\"X\",\"type\":\"string\"}]}")[0])
			.isEqualTo(404);
		assertThat(names(id)).containsExactly("email", "score");
	}

}
