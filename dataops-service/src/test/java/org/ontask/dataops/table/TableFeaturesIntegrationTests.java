package org.ontask.dataops.table;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.Row;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.TableStore;
import org.ontask.platform.internal.InternalCalls;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;
import org.ontask.workflowaccess.WorkflowDataLifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table page, row and column operations, views, statistics, downloads and the
 * internal API, over real HTTP against real PostgreSQL, Redis and RabbitMQ. Every refusal
 * is checked to leave the table exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TableFeaturesIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 9_000_000);

	private static final String OWNER = "owner@example.org";

	private static final String STRANGER = "stranger@example.org";

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

	@org.springframework.beans.factory.annotation.Value("${ontask.internal.secret}")
	private String secret;

	/** The primary lifecycle bean, as workflow-access calls it. */
	@Autowired
	private WorkflowDataLifecycle lifecycle;

	/** A workflow of OWNER with a small table of five columns and four rows. */
	private long students() {
		long id = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", id,
				"Course " + id, OWNER, Timestamp.from(Instant.now()));
		this.store.replace(id, List.of(new ColumnSpec("sid", ColumnType.INTEGER, true),
				new ColumnSpec("name", ColumnType.STRING, false), new ColumnSpec("score", ColumnType.DOUBLE, false),
				new ColumnSpec("passed", ColumnType.BOOLEAN, false),
				new ColumnSpec("program", ColumnType.STRING, false), new ColumnSpec("code", ColumnType.STRING, false)),
				(sink) -> {
					sink.row(new Object[] { 1L, "Ann", 7.5, true, "FASS", "10" });
					sink.row(new Object[] { 2L, "Bob", 4.0, false, "FEIT", "20" });
					sink.row(new Object[] { 3L, "Cid", null, null, "FASS", "x7" });
					sink.row(new Object[] { 4L, "=HYPERLINK(1)", 9.0, true, "FEIT", "20" });
				}, OWNER);
		return id;
	}

	private TestBrowser browser(String email) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, email, "INSTRUCTOR"));
	}

	private DataColumn column(long id, String name) {
		return this.store.columns(id).stream().filter((c) -> c.name().equals(name)).findFirst().orElseThrow();
	}

	private List<List<Object>> rows(long id) {
		return this.store.page(id, RowQuery.first(100)).rows().stream().map(Row::values).toList();
	}

	private long events(String type, long workflowId) {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE event_type LIKE ? AND serialized_event LIKE ?",
				Long.class, "%." + type, "%\"workflowId\":" + workflowId + ",%");
		return (count != null) ? count : 0;
	}

	/** A signed internal call to this server, as action-service makes it. */
	private Object[] internal(String actingUser, HttpMethod method, String path, String json) {
		Supplier<Object[]> call = () -> {
			var request = this.internalCalls.client("dataops-service")
				.method(method)
				.uri("http://localhost:" + this.port + path);
			if (json != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(json);
			}
			return request.exchange((req, res) -> new Object[] { res.getStatusCode().value(),
					new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) });
		};
		return InternalCalls.actingAs(actingUser, call);
	}

	// ---------------------------------------------------------------- internal API

	@Test
	void theSelectionComputesConditionsAndCountsInOneQuery() {
		long id = students();
		Object[] columns = internal(OWNER, HttpMethod.GET, "/internal/workflows/" + id + "/columns", null);
		assertThat(columns[0]).isEqualTo(200);
		assertThat((String) columns[1])
			.contains("{\"name\":\"sid\",\"type\":\"integer\",\"key\":true,\"categories\":[],\"description\":\"\"}")
			.contains("\"name\":\"passed\",\"type\":\"boolean\"");

		String body = """
				{"filter": {"condition": "AND", "rules": [{"id": "program", "field": "program", "type": "string",
				   "operator": "equal", "value": "FASS"}]},
				 "conditions": {"good": {"condition": "AND", "rules": [{"field": "score", "operator": "greater_or_equal", "value": "5"}]},
				                "none": {"rules": [{"field": "score", "operator": "is_null", "value": null}]}},
				 "columns": ["sid", "score"], "offset": 0, "limit": 100}""";
		Object[] selection = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/selection", body);
		assertThat(selection[0]).as((String) selection[1]).isEqualTo(200);
		assertThat((String) selection[1]).contains("\"total\":2")
			.contains("\"counts\":{\"good\":1,\"none\":1}")
			.contains("\"values\":{\"sid\":1,\"score\":7.5},\"conditions\":{\"good\":true,\"none\":false}")
			.contains("\"values\":{\"sid\":3,\"score\":null},\"conditions\":{\"good\":false,\"none\":true}")
			.doesNotContain("\"name\"");

		Object[] counts = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/selection",
				"{\"filter\": null, \"conditions\": {\"passed\": {\"rules\": [{\"field\": \"passed\", \"operator\": \"equal\", \"value\": \"true\"}]}}, \"limit\": 0}");
		assertThat((String) counts[1]).isEqualTo("{\"total\":4,\"counts\":{\"passed\":2},\"rows\":[]}");
	}

	@Test
	void aFormulaWithAMissingColumnOrAWrongOperatorIsA400NamingIt() {
		long id = students();
		Object[] missing = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/selection",
				"{\"filter\": {\"rules\": [{\"field\": \"final\", \"operator\": \"equal\", \"value\": \"1\"}]}}");
		assertThat(missing[0]).isEqualTo(400);
		assertThat((String) missing[1]).contains("final").contains("does not exist");
		Object[] operator = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/selection",
				"{\"conditions\": {\"c\": {\"rules\": [{\"field\": \"score\", \"operator\": \"contains\", \"value\": \"1\"}]}}}");
		assertThat(operator[0]).isEqualTo(400);
		assertThat((String) operator[1]).contains("score").contains("contains");
		Object[] column = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/selection",
				"{\"columns\": [\"nope\"]}");
		assertThat(column[0]).isEqualTo(400);
		assertThat((String) column[1]).contains("nope");
	}

	@Test
	void theInternalApiIsClosedToOthersAndToUnsignedCalls() {
		long id = students();
		assertThat(internal(STRANGER, HttpMethod.GET, "/internal/workflows/" + id + "/columns", null)[0])
			.isEqualTo(404);
		assertThat(internal(STRANGER, HttpMethod.POST, "/internal/workflows/" + id + "/selection", "{}")[0])
			.isEqualTo(404);
		assertThat(internal(STRANGER, HttpMethod.POST, "/internal/workflows/" + id + "/rows/1",
				"{\"values\": {\"name\": \"x\"}}")[0])
			.isEqualTo(404);
		// a browser session is not a signature
		assertThat(browser(OWNER).getJson("/internal/workflows/" + id + "/columns").statusCode()).isEqualTo(401);
		assertThat(rows(id).get(0).get(1)).isEqualTo("Ann");
	}

	/**
	 * Sent as POST: the platform's signed client cannot send PATCH (HttpURLConnection);
	 * the endpoint accepts both.
	 */
	@Test
	void aLearnersCellsAreUpdatedTypeCheckedAndAnnounced() {
		long id = students();
		long rowId = this.store.page(id, RowQuery.first(1)).rows().get(0).rowId();
		Object[] ok = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/rows/" + rowId,
				"{\"values\": {\"score\": 8, \"passed\": false, \"program\": \"Law\"}}");
		assertThat(ok[0]).as((String) ok[1]).isEqualTo(204);
		assertThat(rows(id).get(0)).containsExactly(1L, "Ann", 8.0, false, "Law", "10");
		assertThat(events("RowsUpdated", id)).isEqualTo(1);

		Object[] bad = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/rows/" + rowId,
				"{\"values\": {\"score\": \"lots\", \"program\": \"Medicine\"}}");
		assertThat(bad[0]).isEqualTo(400);
		assertThat((String) bad[1]).contains("score").contains("lots");
		Object[] duplicateKey = internal(OWNER, HttpMethod.POST, "/internal/workflows/" + id + "/rows/" + rowId,
				"{\"values\": {\"sid\": 2}}");
		assertThat(duplicateKey[0]).isEqualTo(400);
		assertThat(rows(id).get(0)).containsExactly(1L, "Ann", 8.0, false, "Law", "10");
		assertThat(events("RowsUpdated", id)).isEqualTo(1);
	}

	/**
	 * The contract's PATCH, signed as the platform signs (HMAC-SHA256, see
	 * InternalCalls).
	 */
	@Test
	void aPatchSignedWithTheInstallationsSecretUpdatesTheRow() throws Exception {
		long id = students();
		long rowId = this.store.page(id, RowQuery.first(1)).rows().get(0).rowId();
		String path = "/internal/workflows/" + id + "/rows/" + rowId;
		long now = Instant.now().getEpochSecond();
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(this.secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				"HmacSHA256"));
		String signature = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac.doFinal(String.join("\n", "PATCH", path, "action-service", OWNER, Long.toString(now))
				.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		java.net.http.HttpRequest request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("X-OnTask-Caller", "action-service")
			.header("X-OnTask-Acting-User", OWNER)
			.header("X-OnTask-Timestamp", Long.toString(now))
			.header("X-OnTask-Signature", signature)
			.method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"values\": {\"name\": \"Annie\"}}"))
			.build();
		HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
		assertThat(rows(id).get(0).get(1)).isEqualTo("Annie");
	}

	// ---------------------------------------------------------------- table and rows

	@Test
	void theTablePagePagesSortsAndSearches() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		long score = column(id, "score").id();
		String sorted = owner.get("/workflows/" + id + "/table?size=2&sort=" + score + "&dir=desc").body();
		assertThat(sorted).contains("=HYPERLINK(1)")
			.contains("Ann")
			.doesNotContain("Bob")
			.contains("Page <span>1</span> of <span>2</span>");
		String second = owner.get("/workflows/" + id + "/table?size=2&page=1&sort=" + score + "&dir=desc").body();
		assertThat(second).contains("Bob").contains("Cid").doesNotContain("Ann");
		String found = owner.get("/workflows/" + id + "/table?q=feit").body();
		assertThat(found).contains("Bob").doesNotContain(">Ann<");
		assertThat(found).contains("<span data-testid=\"row-count\">2</span>");
	}

	@Test
	void aRowIsAddedEditedTypeCheckedAndDeleted() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		long rowId = this.store.page(id, RowQuery.first(1)).rows().get(0).rowId();
		String path = "/workflows/" + id + "/table/rows/" + rowId;
		String form = owner.get(path).body();
		assertThat(form).contains("value=\"Ann\"").contains("value=\"7.5\"");
		long score = column(id, "score").id();
		long name = column(id, "name").id();
		HttpResponse<String> bad = owner.submit(path, Map.of("c" + score, "seven", "c" + name, "Anna"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("score").contains("seven").contains("value=\"Anna\"");
		assertThat(rows(id).get(0)).containsExactly(1L, "Ann", 7.5, true, "FASS", "10");

		owner.get(path);
		HttpResponse<String> good = owner.submit(path, Map.of("c" + score, "6.25", "c" + name, "Anna"));
		assertThat(good.statusCode()).isEqualTo(302);
		assertThat(rows(id).get(0)).containsExactly(1L, "Anna", 6.25, true, "FASS", "10");

		owner.get("/workflows/" + id + "/table/rows/new");
		long sid = column(id, "sid").id();
		HttpResponse<String> repeated = owner.submit("/workflows/" + id + "/table/rows/new",
				Map.of("c" + sid, "2", "c" + name, "Dup"));
		assertThat(repeated.statusCode()).isEqualTo(400);
		assertThat(repeated.body()).contains("sid");
		HttpResponse<String> added = owner.submit("/workflows/" + id + "/table/rows/new",
				Map.of("c" + sid, "5", "c" + name, "Eve"));
		assertThat(added.statusCode()).isEqualTo(302);
		assertThat(this.store.count(id, null)).isEqualTo(5);

		owner.get(path);
		assertThat(owner.submit(path + "/delete", Map.of()).statusCode()).isEqualTo(302);
		assertThat(this.store.count(id, null)).isEqualTo(4);
		assertThat(events("RowsUpdated", id)).isEqualTo(3);
	}

	@Test
	void aFormWithoutItsCsrfTokenChangesNothing() {
		long id = students();
		long rowId = this.store.page(id, RowQuery.first(1)).rows().get(0).rowId();
		TestBrowser owner = browser(OWNER);
		long name = column(id, "name").id();
		assertThat(owner
			.postRaw("/workflows/" + id + "/table/rows/" + rowId, "application/x-www-form-urlencoded",
					"c" + name + "=Mallory")
			.statusCode()).isEqualTo(403);
		assertThat(owner
			.postRaw("/workflows/" + id + "/columns/" + name + "/rename", "application/x-www-form-urlencoded",
					"name=Hacked")
			.statusCode()).isEqualTo(403);
		assertThat(rows(id).get(0).get(1)).isEqualTo("Ann");
		assertThat(column(id, "name").id()).isEqualTo(name);
	}

	@Test
	void someoneElsesWorkflowIsNotFoundOnEveryPage() {
		long id = students();
		long rowId = this.store.page(id, RowQuery.first(1)).rows().get(0).rowId();
		long name = column(id, "name").id();
		TestBrowser owner = browser(OWNER);
		owner.get("/workflows/" + id + "/views/new");
		owner.submit("/workflows/" + id + "/views", Map.of("name", "All", "columns", "sid", "filter", ""));
		long view = this.jdbc.queryForObject("SELECT id FROM data_view WHERE workflow_id = ?", Long.class, id);
		TestBrowser stranger = browser(STRANGER);
		for (String path : List.of("/table", "/table?page=2", "/table/rows/" + rowId, "/table/rows/new", "/columns",
				"/columns/" + name, "/views", "/views/new", "/views/" + view, "/views/" + view + "/edit",
				"/views/" + view + "/csv", "/views/" + view + "/stats", "/stats", "/stats/columns/" + name,
				"/stats/rows/" + rowId, "/table/csv")) {
			assertThat(stranger.get("/workflows/" + id + path).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(stranger.getJson("/api/workflows/" + id + "/views").statusCode()).isEqualTo(404);
		// the stranger's own page gives a CSRF token; posting with it still finds nothing
		stranger.get("/workflows/" + id + "/table");
		long other = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", other,
				"Mine", STRANGER, Timestamp.from(Instant.now()));
		stranger.get("/workflows/" + other + "/columns");
		for (String path : List.of("/columns/" + name + "/rename", "/columns/" + name + "/delete",
				"/table/rows/" + rowId + "/delete", "/views/" + view + "/delete")) {
			assertThat(stranger.submit("/workflows/" + id + path, Map.of("name", "x")).statusCode()).as(path)
				.isEqualTo(404);
		}
		assertThat(this.store.columns(id)).hasSize(6);
		assertThat(this.store.count(id, null)).isEqualTo(4);
	}

	// ---------------------------------------------------------------- columns

	@Test
	void columnsAreRenamedAndRefusedNamesChangeNothing() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		long name = column(id, "name").id();
		String path = "/workflows/" + id + "/columns/" + name;
		owner.get(path);
		HttpResponse<String> duplicate = owner.submit(path + "/rename", Map.of("name", "SCORE"));
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("already has a column named");
		HttpResponse<String> quoted = owner.submit(path + "/rename", Map.of("name", "it's"));
		assertThat(quoted.statusCode()).isEqualTo(400);
		assertThat(quoted.body()).contains("quote");
		assertThat(column(id, "name").id()).isEqualTo(name);
		assertThat(events("ColumnRenamed", id)).isZero();

		String sql = "x; DROP TABLE data_column; --";
		assertThat(owner.submit(path + "/rename", Map.of("name", sql)).statusCode()).isEqualTo(302);
		assertThat(column(id, sql).id()).isEqualTo(name);
		assertThat(rows(id).get(0).get(1)).isEqualTo("Ann");
		assertThat(events("ColumnRenamed", id)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT serialized_event FROM event_publication WHERE event_type LIKE ?"
						+ " AND serialized_event LIKE ?",
				String.class, "%.ColumnRenamed", "%\"workflowId\":" + id + ",%"))
			.contains("\"oldName\":\"name\"")
			.contains("\"actorEmail\":\"owner@example.org\"");
		assertThat(owner.get("/workflows/" + id + "/table").body()).contains("x; DROP TABLE data_column; --");
	}

	@Test
	void aTypeChangesOnlyWhenEveryValueConverts() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		long code = column(id, "code").id();
		String path = "/workflows/" + id + "/columns/" + code;
		owner.get(path);
		HttpResponse<String> refused = owner.submit(path + "/type", Map.of("type", "integer"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("1 value(s) do not convert, the first being &#39;x7&#39;");
		assertThat(column(id, "code").type()).isEqualTo(ColumnType.STRING);
		assertThat(rows(id).get(2).get(5)).isEqualTo("x7");
		assertThat(events("ColumnTypeChanged", id)).isZero();

		long third = this.store.page(id, RowQuery.first(3)).rows().get(2).rowId();
		this.store.updateRow(id, third, Map.of(code, "30"));
		assertThat(owner.submit(path + "/type", Map.of("type", "integer")).statusCode()).isEqualTo(302);
		assertThat(column(id, "code").type()).isEqualTo(ColumnType.INTEGER);
		assertThat(rows(id)).extracting((r) -> r.get(5)).containsExactly(10L, 20L, 30L, 20L);
		assertThat(events("ColumnTypeChanged", id)).isEqualTo(1);

		long score = column(id, "score").id();
		owner.get("/workflows/" + id + "/columns/" + score);
		HttpResponse<String> fraction = owner.submit("/workflows/" + id + "/columns/" + score + "/type",
				Map.of("type", "integer"));
		assertThat(fraction.statusCode()).isEqualTo(400);
		assertThat(fraction.body()).contains("7.5");
		assertThat(
				owner.submit("/workflows/" + id + "/columns/" + score + "/type", Map.of("type", "string")).statusCode())
			.isEqualTo(302);
		assertThat(rows(id).get(0).get(2)).isEqualTo("7.5");
	}

	@Test
	void aKeyNeedsPresentDistinctValuesAndTheLastKeyStays() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		long program = column(id, "program").id();
		owner.get("/workflows/" + id + "/columns/" + program);
		HttpResponse<String> duplicates = owner.submit("/workflows/" + id + "/columns/" + program + "/key",
				Map.of("key", "true"));
		assertThat(duplicates.statusCode()).isEqualTo(400);
		assertThat(duplicates.body()).contains("appears 2 times");
		assertThat(column(id, "program").key()).isFalse();

		long name = column(id, "name").id();
		long sid = column(id, "sid").id();
		assertThat(owner.submit("/workflows/" + id + "/columns/" + sid + "/key", Map.of("key", "false")).statusCode())
			.isEqualTo(400);
		assertThat(owner.submit("/workflows/" + id + "/columns/" + name + "/key", Map.of("key", "true")).statusCode())
			.isEqualTo(302);
		assertThat(owner.submit("/workflows/" + id + "/columns/" + sid + "/key", Map.of("key", "false")).statusCode())
			.isEqualTo(302);
		assertThat(column(id, "name").key()).isTrue();
		assertThat(column(id, "sid").key()).isFalse();
		// the unique index is real: a repeated name is refused
		long rowId = this.store.page(id, RowQuery.first(1)).rows().get(0).rowId();
		owner.get("/workflows/" + id + "/table/rows/" + rowId);
		assertThat(owner.submit("/workflows/" + id + "/table/rows/" + rowId, Map.of("c" + name, "Bob")).statusCode())
			.isEqualTo(400);
	}

	@Test
	void derivedRandomClonedAndRestrictedColumns() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		long score = column(id, "score").id();
		long code = column(id, "code").id();
		owner.get("/workflows/" + id + "/columns");
		HttpResponse<String> wrongType = owner.submit("/workflows/" + id + "/columns/derived",
				Map.of("name", "total", "operation", "sum", "operands", String.valueOf(code)));
		assertThat(wrongType.statusCode()).isEqualTo(400);
		assertThat(wrongType.body()).contains("code");
		assertThat(this.store.columns(id)).hasSize(6);

		// two values of one parameter: the form posts operands twice
		HttpResponse<String> derived = owner.postRaw(
				"/workflows/" + id + "/columns/derived?operands=" + score + "&operands=" + column(id, "sid").id(),
				"application/x-www-form-urlencoded", "");
		assertThat(derived.statusCode()).isEqualTo(403);
		owner.get("/workflows/" + id + "/columns");
		assertThat(owner
			.submit("/workflows/" + id + "/columns/derived?operands=" + column(id, "sid").id(),
					Map.of("name", "mean", "operation", "mean", "operands", String.valueOf(score)))
			.statusCode()).isEqualTo(302);
		assertThat(column(id, "mean").type()).isEqualTo(ColumnType.DOUBLE);
		assertThat(rows(id)).extracting((r) -> r.get(6)).containsExactly(4.25, 3.0, null, 6.5);

		owner.get("/workflows/" + id + "/columns");
		assertThat(owner.submit("/workflows/" + id + "/columns/random", Map.of("name", "group", "values", "A, B"))
			.statusCode()).isEqualTo(302);
		assertThat(rows(id).stream().filter((r) -> "A".equals(r.get(7))).count()).isEqualTo(2);

		owner.get("/workflows/" + id + "/columns/" + score);
		assertThat(owner.submit("/workflows/" + id + "/columns/" + score + "/clone", Map.of()).statusCode())
			.isEqualTo(302);
		assertThat(rows(id)).extracting((r) -> r.get(8)).containsExactly(7.5, 4.0, null, 9.0);
		assertThat(column(id, "Copy of score").position()).isEqualTo(9);

		long program = column(id, "program").id();
		owner.get("/workflows/" + id + "/columns/" + program);
		HttpResponse<String> notCovered = owner.submit("/workflows/" + id + "/columns/" + program + "/categories",
				Map.of("values", "FASS\nLaw"));
		assertThat(notCovered.statusCode()).isEqualTo(400);
		assertThat(notCovered.body()).contains("FEIT");
		assertThat(owner.submit("/workflows/" + id + "/columns/" + program + "/restrict", Map.of()).statusCode())
			.isEqualTo(302);
		assertThat(column(id, "program").categories()).containsExactly("FASS", "FEIT");
		long rowId = this.store.page(id, RowQuery.first(1)).rows().get(0).rowId();
		owner.get("/workflows/" + id + "/table/rows/" + rowId);
		HttpResponse<String> notAllowed = owner.submit("/workflows/" + id + "/table/rows/" + rowId,
				Map.of("c" + program, "Law"));
		assertThat(notAllowed.statusCode()).isEqualTo(400);
		assertThat(notAllowed.body()).contains("only allows");

		owner.get("/workflows/" + id + "/columns/" + program);
		assertThat(owner.submit("/workflows/" + id + "/columns/" + program + "/move", Map.of("position", "1"))
			.statusCode()).isEqualTo(302);
		assertThat(this.store.columns(id).get(0).name()).isEqualTo("program");
		assertThat(rows(id).get(0).get(0)).isEqualTo("FASS");
	}

	// ---------------------------------------------------------------- views, stats, CSV

	@Test
	void aViewFiltersFollowsRenamesAndDownloadsNeutralisedCsv() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		owner.get("/workflows/" + id + "/views/new");
		HttpResponse<String> badFilter = owner.submit("/workflows/" + id + "/views",
				Map.of("name", "Good", "columns", "sid", "field", "score", "operator", "contains", "value", "1"));
		assertThat(badFilter.statusCode()).isEqualTo(400);
		assertThat(badFilter.body()).contains("score").contains("contains");
		HttpResponse<String> missing = owner.submit("/workflows/" + id + "/views", Map.of("name", "Good", "columns",
				"sid", "filter", "{\"rules\": [{\"field\": \"final\", \"operator\": \"is_null\"}]}"));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("final");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM data_view WHERE workflow_id = ?", Long.class, id))
			.isZero();

		HttpResponse<String> created = owner.postRaw(
				"/workflows/" + id + "/views?columns=sid&columns=name&columns=score",
				"application/x-www-form-urlencoded", "");
		assertThat(created.statusCode()).isEqualTo(403);
		owner.get("/workflows/" + id + "/views/new");
		created = owner.submit("/workflows/" + id + "/views?columns=sid&columns=name",
				Map.of("name", "Good ones", "columns", "score", "field", "score", "operator", "greater", "value", "5"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		String page = owner.get(location.replaceFirst("^https?://[^/]+", "")).body();
		assertThat(page).contains("Ann").contains("=HYPERLINK(1)").doesNotContain("Bob").contains("score &gt; 5");

		long viewId = this.jdbc.queryForObject("SELECT id FROM data_view WHERE workflow_id = ?", Long.class, id);
		String csv = owner.get("/workflows/" + id + "/views/" + viewId + "/csv").body();
		assertThat(csv).isEqualTo("sid,name,score\n1,Ann,7.5\n4,'=HYPERLINK(1),9\n");

		owner.get("/workflows/" + id + "/columns/" + column(id, "score").id());
		owner.submit("/workflows/" + id + "/columns/" + column(id, "score").id() + "/rename",
				Map.of("name", "Midterm 2025"));
		String renamed = owner.get("/workflows/" + id + "/views/" + viewId + "/csv").body();
		assertThat(renamed).startsWith("sid,name,Midterm 2025\n").contains("4,'=HYPERLINK(1),9");

		String stats = owner.get("/workflows/" + id + "/views/" + viewId + "/stats").body();
		assertThat(stats).contains("data-column=\"Midterm 2025\"").contains("data-stat=\"median\">8.25<");

		String api = owner.getJson("/api/workflows/" + id + "/views").body();
		assertThat(api).contains("\"name\":\"Good ones\"").contains("\"columns\":[\"sid\",\"name\",\"Midterm 2025\"]");

		// deleting a column the filter uses deletes the view, as the original does
		long midterm = column(id, "Midterm 2025").id();
		this.store.dropColumn(id, midterm, OWNER);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM data_view WHERE workflow_id = ?", Long.class, id))
			.isZero();
	}

	@Test
	void theViewFormEditsTheFilterWithTheQueryBuilder() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		String form = owner.get("/workflows/" + id + "/views/new").body();
		assertThat(form).contains("data-testid=\"filter-builder\"")
			.contains("data-input=\"filter\"")
			.contains("&quot;name&quot;:&quot;sid&quot;")
			.contains("&quot;type&quot;:&quot;integer&quot;")
			.contains("/workflows/assets/views/querybuilder.js");
		// platform's shared script, served under the folder the gateway routes here
		HttpResponse<String> script = owner.get("/workflows/assets/views/querybuilder.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
		assertThat(script.body()).contains("ontask-qb").contains("is_not_null");
		// the builder's "no rule" ({}) leaves the one-rule fields in charge
		HttpResponse<String> created = owner.submit("/workflows/" + id + "/views?columns=sid",
				Map.of("name", "Builder", "filter", "{}", "field", "score", "operator", "greater", "value", "5"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String page = owner
			.get(created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
			.body();
		assertThat(page).contains("score &gt; 5");
	}

	@Test
	void statisticsInSqlWithOneLearnerMarked() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		String page = owner.get("/workflows/" + id + "/stats").body();
		assertThat(page).contains("data-column=\"score\"")
			.contains("data-stat=\"count\">3<")
			.contains("data-stat=\"minimum\">4<")
			.contains("data-stat=\"median\">7.5<")
			.contains("data-stat=\"maximum\">9<")
			.contains("data-stat=\"standard deviation\">2.5658<")
			.contains("data-stat=\"mode\">FASS<")
			.contains("/js/stats-charts.js")
			.doesNotContain("data-column=\"sid\"");
		long rowId = this.store.page(id, RowQuery.first(2)).rows().get(1).rowId();
		String row = owner.get("/workflows/" + id + "/stats/rows/" + rowId).body();
		assertThat(row).contains("sid 2").contains("This learner: <strong>4</strong>").contains("&quot;mark&quot;:4.0");
		assertThat(owner.get("/js/stats-charts.js").statusCode()).isEqualTo(200);
	}

	@Test
	void theTableDownloadIsStreamedCsvWithFormulasNeutralised() {
		long id = students();
		HttpResponse<String> csv = browser(OWNER).get("/workflows/" + id + "/table/csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("ontask_table.csv");
		assertThat(csv.body()).startsWith("sid,name,score,passed,program,code\n1,Ann,7.5,true,FASS,10\n")
			.contains("4,'=HYPERLINK(1),9,true,FEIT,20\n");
	}

	@Test
	void viewsAreCopiedWithTheWorkflowAndDeletedWithIt() {
		long id = students();
		TestBrowser owner = browser(OWNER);
		owner.get("/workflows/" + id + "/views/new");
		owner.submit("/workflows/" + id + "/views",
				Map.of("name", "FASS", "columns", "sid", "field", "program", "operator", "equal", "value", "FASS"));
		long clone = IDS.incrementAndGet();
		WorkflowDataLifecycle lifecycle = this.lifecycle;
		lifecycle.copy(id, clone);
		lifecycle.copy(id, clone);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM data_view WHERE workflow_id = ?", Long.class, clone))
			.isEqualTo(1);
		assertThat(this.store.count(clone, null)).isEqualTo(4);
		lifecycle.delete(clone);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM data_view WHERE workflow_id = ?", Long.class, clone))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM data_view WHERE workflow_id = ?", Long.class, id))
			.isEqualTo(1);
	}

}
