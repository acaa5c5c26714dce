package org.ontask.dataops.sqlsource;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.Row;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.TableStore;
import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled refreshes (contract C2) through the real queue, against a real PostgreSQL
 * source (a schema of the test database): replace and merge acting as the actor, one
 * refresh per execution id however often the command arrives, and refusals reported as
 * {@code FAILED} with the table unchanged.
 */
@SpringBootTest
@ActiveProfiles("test")
class ScheduledRefreshIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 4_000_000);

	private static final String OWNER = "refresher@example.org";

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MessagingNames names;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TableStore store;

	@Autowired
	private SqlConnections connections;

	@Value("${spring.datasource.url}")
	private String url;

	@Value("${spring.datasource.username}")
	private String user;

	@Value("${spring.datasource.password:}")
	private String password;

	private long connection;

	@BeforeEach
	void source() {
		this.jdbc.execute("CREATE SCHEMA IF NOT EXISTS refresh_remote");
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS refresh_remote.students (sid INTEGER, name TEXT, score INTEGER)");
		this.jdbc.execute("TRUNCATE refresh_remote.students");
		this.jdbc.update("INSERT INTO refresh_remote.students VALUES (1, 'Ann', 7), (2, 'Bob', NULL), (3, 'Cid', 9)");
		this.connection = this.connections.create(OWNER, new SqlConnections.Form("Source " + IDS.incrementAndGet(),
				this.url.split("\\?")[0], this.user, this.password));
	}

	private long workflow() {
		long id = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", id,
				"Course " + id, OWNER, Timestamp.from(Instant.now()));
		return id;
	}

	/** Sends the command as scheduler-service does: default exchange, JSON body. */
	private void send(long execution, long workflow, String actor, String query, String mode, String leftOn) {
		String json = "{\"scheduleId\": 12, \"executionId\": " + execution + ", \"dueAt\": \"2026-11-24T09:00:00Z\","
				+ " \"workflowId\": " + workflow + ", \"actorEmail\": \"" + actor + "\", \"connectionId\": "
				+ this.connection + ", \"query\": " + ((query != null) ? "\"" + query + "\"" : "null")
				+ ", \"mode\": \"" + mode + "\", \"how\": \"outer\", \"leftOn\": "
				+ ((leftOn != null) ? "\"" + leftOn + "\"" : "null") + ", \"rightOn\": null}";
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send("", this.names.exchange(RefreshQueue.NAME), message);
	}

	private Map<String, Object> execution(long id) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM refresh_execution WHERE execution_id = ?",
					Long.class, id) == 1);
		return this.jdbc.queryForMap("SELECT status, row_count, message FROM refresh_execution WHERE execution_id = ?",
				id);
	}

	private long completedEvents(long workflow) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE event_type LIKE ? AND serialized_event LIKE ?",
				Long.class, "%.TableRefreshCompleted", "%\"workflowId\":" + workflow + ",%");
	}

	private List<List<Object>> rows(long workflow) {
		return this.store.page(workflow, RowQuery.first(10)).rows().stream().map(Row::values).toList();
	}

	@Test
	void replaceThenMergeOncePerExecution() {
		long workflow = workflow();
		long first = IDS.incrementAndGet();
		send(first, workflow, OWNER, "SELECT sid, name, score FROM refresh_remote.students ORDER BY sid", "replace",
				"sid");
		assertThat(execution(first)).containsEntry("status", "DONE").containsEntry("row_count", 3L);
		assertThat(rows(workflow)).containsExactly(List.of(1L, "Ann", 7L), java.util.Arrays.asList(2L, "Bob", null),
				List.of(3L, "Cid", 9L));
		assertThat(this.store.columns(workflow)).extracting(DataColumn::key).containsExactly(true, false, false);

		this.jdbc.update("UPDATE refresh_remote.students SET score = 5 WHERE sid = 2");
		this.jdbc.update("INSERT INTO refresh_remote.students VALUES (4, 'Dee', 6)");
		long second = IDS.incrementAndGet();
		send(second, workflow, OWNER, "SELECT sid, score, score * 10 AS bonus FROM refresh_remote.students", "merge",
				"sid");
		// the same command again: handled once
		send(second, workflow, OWNER, "SELECT sid, score, score * 10 AS bonus FROM refresh_remote.students", "merge",
				"sid");
		send(first, workflow, OWNER, "SELECT sid, name, score FROM refresh_remote.students ORDER BY sid", "replace",
				"sid");
		assertThat(execution(second)).containsEntry("status", "DONE").containsEntry("row_count", 4L);
		// the redelivered commands change nothing, for a while
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.store.count(workflow, null)).isEqualTo(4);
			assertThat(this.store.columns(workflow)).extracting(DataColumn::name)
				.containsExactly("sid", "name", "score", "bonus");
			assertThat(completedEvents(workflow)).isEqualTo(2);
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM event_publication WHERE event_type LIKE ?" + " AND serialized_event LIKE ?",
					Long.class, "%.TableMerged", "%\"workflowId\":" + workflow + ",%"))
				.isEqualTo(1);
		});
	}

	@Test
	void refusalsAreReportedAsFailedAndChangeNothing() {
		long workflow = workflow();
		long ok = IDS.incrementAndGet();
		send(ok, workflow, OWNER, "SELECT sid, name FROM refresh_remote.students", "replace", "sid");
		assertThat(execution(ok)).containsEntry("status", "DONE");

		long badQuery = IDS.incrementAndGet();
		send(badQuery, workflow, OWNER, "SELECT * FROM refresh_remote.nothing_here", "replace", null);
		assertThat(execution(badQuery)).containsEntry("status", "FAILED");
		assertThat((String) execution(badQuery).get("message")).contains("nothing_here");

		long stranger = IDS.incrementAndGet();
		send(stranger, workflow, "stranger@example.org", "SELECT sid, name FROM refresh_remote.students", "replace",
				"sid");
		assertThat(execution(stranger)).containsEntry("status", "FAILED");

		long noQuery = IDS.incrementAndGet();
		send(noQuery, workflow, OWNER, null, "replace", "sid");
		assertThat((String) execution(noQuery).get("message")).contains("no saved query");

		long badKey = IDS.incrementAndGet();
		send(badKey, workflow, OWNER, "SELECT sid, name FROM refresh_remote.students", "merge", "name");
		assertThat(execution(badKey)).containsEntry("status", "FAILED");
		assertThat((String) execution(badKey).get("message")).contains("not a key column");

		assertThat(rows(workflow)).hasSize(3);
		assertThat(this.store.columns(workflow)).extracting(DataColumn::name).containsExactly("sid", "name");
		assertThat(completedEvents(workflow)).isEqualTo(5);
	}

}
