package org.ontask.dataops.row;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.Row;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.TableStore;
import org.ontask.platform.internal.InternalCalls;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /internal/workflows/{id}/cells/increment} (contract C3) over a real signed
 * internal call against real PostgreSQL: one UPDATE adding 1 (empty counts as 0),
 * {@code rows.updated} published, and every bad request refused with the table unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CellIncrementIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 5_000_000);

	private static final String OWNER = "owner@example.org";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TableStore store;

	@Autowired
	private InternalCalls internalCalls;

	private long table() {
		long id = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", id,
				"Course " + id, OWNER, Timestamp.from(Instant.now()));
		this.store.replace(id,
				List.of(new ColumnSpec("sid", ColumnType.INTEGER, true),
						new ColumnSpec("email", ColumnType.STRING, false),
						new ColumnSpec("EmailRead_1", ColumnType.INTEGER, false),
						new ColumnSpec("score", ColumnType.DOUBLE, false)),
				(sink) -> {
					sink.row(new Object[] { 1L, "a@b.c", null, 1.0 });
					sink.row(new Object[] { 2L, "b@b.c", 4L, 2.0 });
					sink.row(new Object[] { 3L, "a@b.c", 1L, 3.0 });
				}, OWNER);
		return id;
	}

	private List<Object> reads(long id) {
		return this.store.page(id, RowQuery.first(10)).rows().stream().map(Row::values).map((v) -> v.get(2)).toList();
	}

	private long events(long workflowId) {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE event_type LIKE ? AND serialized_event LIKE ?",
				Long.class, "%.RowsUpdated", "%\"workflowId\":" + workflowId + ",%");
		return (count != null) ? count : 0;
	}

	private Object[] increment(String actingUser, long id, String json) {
		Supplier<Object[]> call = () -> this.internalCalls.client("dataops-service")
			.method(HttpMethod.POST)
			.uri("http://localhost:" + this.port + "/internal/workflows/" + id + "/cells/increment")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange((req, res) -> new Object[] { res.getStatusCode().value(),
					new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) });
		return InternalCalls.actingAs(actingUser, call);
	}

	@Test
	void addsOneInEveryMatchingRowWithEmptyAsZero() {
		long id = table();
		Object[] answer = increment(OWNER, id,
				"{\"keyColumn\": \"email\", \"keyValue\": \"a@b.c\", \"column\": \"EmailRead_1\"}");
		assertThat(answer[0]).as((String) answer[1]).isEqualTo(200);
		assertThat((String) answer[1]).contains("\"updated\":2");
		assertThat(reads(id)).containsExactly(1L, 4L, 2L);
		assertThat(events(id)).isEqualTo(1);
		// a number key, given as a JSON number; a value nobody has changes nothing
		assertThat((String) increment(OWNER, id,
				"{\"keyColumn\": \"SID\", \"keyValue\": 2, \"column\": \"emailread_1\"}")[1])
			.contains("\"updated\":1");
		assertThat((String) increment(OWNER, id,
				"{\"keyColumn\": \"sid\", \"keyValue\": 99, \"column\": \"EmailRead_1\"}")[1])
			.contains("\"updated\":0");
		assertThat(reads(id)).containsExactly(1L, 5L, 2L);
	}

	@Test
	void badRequestsAreRefusedAndChangeNothing() {
		long id = table();
		Object[] notInteger = increment(OWNER, id,
				"{\"keyColumn\": \"email\", \"keyValue\": \"a@b.c\", \"column\": \"score\"}");
		assertThat(notInteger[0]).isEqualTo(400);
		assertThat((String) notInteger[1]).contains("score").contains("integer");
		Object[] missing = increment(OWNER, id,
				"{\"keyColumn\": \"email\", \"keyValue\": \"a@b.c\", \"column\": \"x\\\"; DROP TABLE t; --\"}");
		assertThat(missing[0]).isEqualTo(400);
		assertThat((String) missing[1]).contains("no column");
		Object[] badKey = increment(OWNER, id,
				"{\"keyColumn\": \"sid\", \"keyValue\": \"abc\", \"column\": \"EmailRead_1\"}");
		assertThat(badKey[0]).isEqualTo(400);
		assertThat((String) badKey[1]).contains("sid");
		Object[] noKey = increment(OWNER, id, "{\"keyColumn\": \"sid\", \"column\": \"EmailRead_1\"}");
		assertThat(noKey[0]).isEqualTo(400);
		assertThat(increment("stranger@example.org", id,
				"{\"keyColumn\": \"email\", \"keyValue\": \"a@b.c\", \"column\": \"EmailRead_1\"}")[0])
			.isEqualTo(404);
		assertThat(reads(id)).containsExactly(null, 4L, 1L);
		assertThat(events(id)).isZero();
		long empty = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", empty,
				"Course " + empty, OWNER, Timestamp.from(Instant.now()));
		assertThat(increment(OWNER, empty,
				"{\"keyColumn\": \"email\", \"keyValue\": \"a@b.c\", \"column\": \"EmailRead_1\"}")[0])
			.isEqualTo(404);
	}

}
