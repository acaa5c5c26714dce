package org.ontask.dataops.table;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.MergeHow;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.dataops.store.TableStore;
import org.ontask.dataops.upload.ColumnChoice;
import org.ontask.dataops.upload.UploadOptions;
import org.ontask.dataops.upload.Uploads;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when" scenario on the tutorial's files: upload the student list,
 * merge the midterm results and the forum participation (through the upload service),
 * then through the pages add a derived column, define a view with a filter, see its
 * statistics and download it as CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TutorialScenarioIntegrationTests {

	private static final String OWNER = "tutor@example.org";

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TableStore store;

	@Autowired
	private Uploads uploads;

	private Path spool(String fixture) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
			return this.uploads.spool(in);
		}
	}

	private void upload(long id, String fixture) throws IOException {
		Path file = spool(fixture);
		List<ColumnChoice> choices = this.uploads.defaultChoices(this.uploads.inspect(file, UploadOptions.CSV),
				List.of("SID"));
		this.uploads.replace(id, file, UploadOptions.CSV, choices, OWNER);
		this.uploads.discard(file);
	}

	private void merge(long id, String fixture, MergeHow how) throws IOException {
		Path file = spool(fixture);
		List<ColumnChoice> choices = this.uploads
			.defaultChoices(this.uploads.inspect(file, UploadOptions.CSV), List.of())
			.stream()
			.map((c) -> new ColumnChoice(c.source(), c.name(), c.type(), false))
			.toList();
		this.uploads.merge(id, file, UploadOptions.CSV, choices, "SID", "SID", how, OWNER, false);
		this.uploads.discard(file);
	}

	private DataColumn column(long id, String name) {
		return this.store.columns(id).stream().filter((c) -> c.name().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void uploadMergeDeriveViewStatisticsAndDownload() throws IOException {
		long id = System.nanoTime() % 1_000_000 + 9_500_000;
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", id,
				"Tutorial", OWNER, Timestamp.from(Instant.now()));
		upload(id, "student_list.csv");
		merge(id, "midterm_results.csv", MergeHow.OUTER);
		merge(id, "forum_participation.csv", MergeHow.LEFT);
		assertThat(this.store.count(id, null)).isEqualTo(15);

		TestBrowser tutor = new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, OWNER, "Tutor", "INSTRUCTOR"));
		assertThat(tutor.get("/workflows/" + id + "/table").body()).contains("olie8242@bogus.com")
			.contains("Days online")
			.contains("Total");

		// a derived column: days online plus contributions
		tutor.get("/workflows/" + id + "/columns");
		HttpResponse<String> derived = tutor
			.submit("/workflows/" + id + "/columns/derived?operands=" + column(id, "Contributions").id(), Map.of("name",
					"Engagement", "operation", "sum", "operands", String.valueOf(column(id, "Days online").id())));
		assertThat(derived.statusCode()).as(derived.body()).isEqualTo(302);
		Double engagement = this.jdbc
			.queryForObject("SELECT " + column(id, "Engagement").sqlName() + "::double precision FROM dataops_data.wf_"
					+ id + " WHERE " + column(id, "SID").sqlName() + " = 300773633", Double.class);
		assertThat(engagement).isEqualTo(12.0);

		// a view of the students below 50 in the midterm
		tutor.get("/workflows/" + id + "/views/new");
		HttpResponse<String> view = tutor.submit("/workflows/" + id + "/views?columns=SID&columns=email&columns=Total",
				Map.of("name", "Midterm below 50", "columns", "Engagement", "field", "Total", "operator", "less",
						"value", "50"));
		assertThat(view.statusCode()).as(view.body()).isEqualTo(302);
		long viewId = this.jdbc.queryForObject("SELECT id FROM data_view WHERE workflow_id = ?", Long.class, id);
		long below = this.store.count(id, new SqlFilter(column(id, "Total").sqlName() + " < 50", List.of()));
		assertThat(below).isPositive().isLessThan(15);
		assertThat(tutor.get("/workflows/" + id + "/views/" + viewId).body())
			.contains("<span data-testid=\"row-count\">" + below + "</span>");

		String stats = tutor.get("/workflows/" + id + "/views/" + viewId + "/stats").body();
		assertThat(stats).contains("data-column=\"Total\"")
			.contains("data-column=\"Engagement\"")
			.contains("data-stat=\"count\">" + below + "<");
		assertThat(tutor.get("/workflows/" + id + "/stats").body()).contains("data-column=\"Gender\"")
			.contains("data-stat=\"mode\">");

		String csv = tutor.get("/workflows/" + id + "/views/" + viewId + "/csv").body();
		assertThat(csv).startsWith("SID,email,Total,Engagement\n");
		assertThat(csv.lines().count()).isEqualTo(below + 1);
	}

}
