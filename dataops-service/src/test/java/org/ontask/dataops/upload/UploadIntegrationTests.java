package org.ontask.dataops.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.TableStore;
import org.ontask.testsupport.TestSessions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads and merges over real HTTP against real PostgreSQL, Redis and RabbitMQ: the
 * tutorial's files, every kind of bad input (each refused with a clear message and the
 * table exactly as it was), the wizard pages and concurrent merges.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UploadIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 8_000_000);

	private static final String OWNER = "teacher@example.org";

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TableStore store;

	private long workflow() {
		long id = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)"
				+ " ON CONFLICT (id) DO NOTHING", id, "Course " + id, OWNER, Timestamp.from(Instant.now()));
		return id;
	}

	private DataHttp as(String email, long workflowId) {
		return new DataHttp("http://localhost:" + this.port,
				TestSessions.signIn(this.sessions, email, email, "INSTRUCTOR"))
			.csrfFrom(workflowId);
	}

	private static byte[] fixture(String name) throws IOException {
		try (InputStream in = UploadIntegrationTests.class.getResourceAsStream("/fixtures/" + name)) {
			return in.readAllBytes();
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private HttpResponse<String> putCsv(DataHttp http, long id, String query, byte[] body) {
		return http.put("/api/workflows/" + id + "/table" + query, "text/csv", body);
	}

	/** A small table to check that refusals change nothing. */
	private long withTable(DataHttp[] holder) {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		holder[0] = http;
		assertThat(putCsv(http, id, "?keys=sid", utf8("sid,name,score\n1,Ann,7.5\n2,Bob,8\n")).statusCode())
			.isEqualTo(200);
		return id;
	}

	private void assertUnchanged(long id) {
		assertThat(this.store.columns(id)).extracting(DataColumn::name).containsExactly("sid", "name", "score");
		assertThat(this.store.page(id, RowQuery.first(10)).rows()).extracting((r) -> r.values())
			.containsExactly(List.of(1L, "Ann", 7.5), List.of(2L, "Bob", 8.0));
	}

	private void refused(byte[] csv, String query, int status, String... messageParts) {
		DataHttp[] http = new DataHttp[1];
		long id = withTable(http);
		HttpResponse<String> response = putCsv(http[0], id, query, csv);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).contains(messageParts);
		assertUnchanged(id);
	}

	@Test
	void theTutorialFilesAreUploadedAndMerged() throws IOException {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		HttpResponse<String> put = putCsv(http, id, "?keys=SID", fixture("student_list.csv"));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		assertThat(put.body()).contains("\"rows\":15").contains("\"columns\":12");

		HttpResponse<String> midterm = http.post(
				"/api/workflows/" + id + "/table/merge?how=outer&leftOn=SID&rightOn=SID", "text/csv",
				fixture("midterm_results.csv"));
		assertThat(midterm.statusCode()).as(midterm.body()).isEqualTo(200);
		assertThat(midterm.body()).contains("\"matched\":13").contains("\"added\":0").contains("\"dropped\":0");
		assertThat(midterm.body()).contains("\"Total\"").contains("\"email\"");

		// forum_participation writes the SID as 300773633.0: whole numbers merge into the
		// integer key
		HttpResponse<String> forum = http.post("/api/workflows/" + id + "/table/merge?how=left&leftOn=SID&rightOn=SID",
				"text/csv", fixture("forum_participation.csv"));
		assertThat(forum.statusCode()).as(forum.body()).isEqualTo(200);
		assertThat(forum.body()).contains("\"matched\":15");

		HttpResponse<String> columns = http.getJson("/api/workflows/" + id + "/columns");
		assertThat(columns.body()).contains("\"name\":\"SID\"")
			.contains("\"type\":\"integer\"")
			.contains("\"key\":true");
		HttpResponse<String> page = http.getJson("/api/workflows/" + id + "/table?page=0&size=5");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("\"total\":15").contains("\"SID\":330794979");
		HttpResponse<String> csv = http.get("/api/workflows/" + id + "/table?format=csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body().lines().count()).isEqualTo(16);
		assertThat(csv.body()).startsWith("SID,Identifier,email");

		assertThat(http.get("/workflows/" + id + "/table").statusCode()).isEqualTo(200);
	}

	@Test
	void someoneElsesWorkflowIsNotFound() {
		long id = workflow();
		DataHttp stranger = as("stranger@example.org", id);
		assertThat(putCsv(stranger, id, "", utf8("a\n1\n")).statusCode()).isIn(403, 404);
		assertThat(stranger.getJson("/api/workflows/" + id + "/table").statusCode()).isEqualTo(404);
		assertThat(stranger.getJson("/api/workflows/" + id + "/columns").statusCode()).isEqualTo(404);
		assertThat(stranger.get("/workflows/" + id + "/upload").statusCode()).isEqualTo(404);
		assertThat(stranger.get("/workflows/" + id + "/table").statusCode()).isEqualTo(404);
		assertThat(this.store.exists(id)).isFalse();
	}

	@Test
	void downloadsNeutraliseFormulas() {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		assertThat(
				putCsv(http, id, "?keys=k", utf8("k,=cmd,note\n1,=HYPERLINK(\"x\"),+1\n2,@SUM(A1),-3\n")).statusCode())
			.isEqualTo(200);
		String csv = http.get("/api/workflows/" + id + "/table?format=csv").body();
		assertThat(csv).contains("'=cmd").contains("\"'=HYPERLINK(\"\"x\"\")\"").contains("'@SUM(A1)");
		// note is a number column (+1, -3): numbers stay numbers
		assertThat(csv).contains(",1\n").contains(",-3\n");
	}

	@Test
	void unbalancedQuotesAreRefused() {
		refused(utf8("sid,name\n1,\"Ann\n2,Bob\n"), "", 400, "never closed", "line 2");
	}

	@Test
	void raggedRowsAreRefused() {
		refused(utf8("sid,name\n1,Ann\n2,Bob,extra\n"), "", 400, "Line 3 has 3 values", "2 columns");
	}

	@Test
	void latin1IsRefusedAsNotUtf8() {
		refused("sid,name\n1,Zo\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), "", 400, "not UTF-8");
	}

	@Test
	void anEmptyFileIsRefused() {
		refused(new byte[0], "", 400, "empty");
	}

	@Test
	void aHeaderWithoutRowsIsRefused() {
		refused(utf8("sid,name\n"), "", 400, "no rows");
	}

	@Test
	void repeatedHeaderNamesAreRefused() {
		refused(utf8("sid,Name,name\n1,a,b\n"), "", 400, "twice", "columns 2 and 3");
	}

	@Test
	void anEmptyHeaderNameIsRefused() {
		refused(utf8("sid,,x\n1,a,b\n"), "", 400, "Column 2 of the header has no name");
	}

	@Test
	void aTableWithoutAKeyIsRefused() {
		refused(utf8("a,b\n1,x\n1,x\n"), "", 400, "No column is a key");
		refused(utf8("sid,name\n1,a\n1,b\n"), "?keys=sid", 400, "'sid'", "1 more than once");
		refused(utf8("sid,name\n1,a\n,b\n"), "?keys=sid", 400, "Line 3", "key column 'sid' is empty");
	}

	@Test
	void aColumnNamedLikeSqlIsHarmless() {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		String name = "x; DROP TABLE data_column; --";
		HttpResponse<String> ok = putCsv(http, id, "?keys=sid", utf8("sid,\"" + name + "\"\n1,a\n"));
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		assertThat(http.getJson("/api/workflows/" + id + "/columns").body()).contains(name);
		// a name with a double quote is refused with a message, nothing changes
		refused(utf8("sid,\"x\"\"; DROP TABLE data_column; --\"\n1,a\n"), "", 400, "quote");
	}

	@Test
	void aValueThatDoesNotFitItsColumnIsRefusedWithItsLine() {
		DataHttp[] http = new DataHttp[1];
		long id = withTable(http);
		HttpResponse<String> merge = http[0].post("/api/workflows/" + id + "/table/merge?leftOn=sid", "text/csv",
				utf8("sid,score\n1,9\n2,high\n"));
		assertThat(merge.statusCode()).isEqualTo(400);
		assertThat(merge.body()).contains("Line 3, column 'score'").contains("'high' is not a number");
		assertUnchanged(id);
		HttpResponse<String> keyClash = http[0].post("/api/workflows/" + id + "/table/merge?leftOn=sid&rightOn=id",
				"text/csv", utf8("id,score\n1,9\n1,10\n"));
		assertThat(keyClash.statusCode()).isEqualTo(400);
		assertThat(keyClash.body()).contains("more than once");
		assertUnchanged(id);
	}

	@Test
	void aFileOverTheLimitIs413WithTheLimit() {
		byte[] big = new byte[300 * 1024];
		java.util.Arrays.fill(big, (byte) 'a');
		refused(big, "", 413, "256 KB");
		long id = workflow();
		DataHttp http = as(OWNER, id);
		HttpResponse<String> page = http.multipart("/workflows/" + id + "/upload", Map.of("format", "csv"), "big.csv",
				big);
		assertThat(page.statusCode()).isEqualTo(413);
		assertThat(page.body()).contains("256 KB");
	}

	@Test
	void excelWorkbooksAreReadAndBadOnesRefused() throws IOException {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		HttpResponse<String> ok = http.multipart("/workflows/" + id + "/upload", Map.of("format", "excel"),
				"excel_upload.xlsx", fixture("excel_upload.xlsx"));
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
		assertThat(http.get("/workflows/" + id + "/upload/columns").body()).contains("preview");

		HttpResponse<String> notExcel = http.multipart("/workflows/" + id + "/upload", Map.of("format", "excel"),
				"fake.xlsx", utf8("sid,name\n1,a\n"));
		assertThat(notExcel.statusCode()).isEqualTo(400);
		assertThat(notExcel.body()).contains("not an Excel workbook");

		HttpResponse<String> bomb = http.multipart("/workflows/" + id + "/upload", Map.of("format", "excel"),
				"bomb.xlsx", zipBomb());
		assertThat(bomb.statusCode()).isEqualTo(400);
		assertThat(bomb.body()).contains("zip bomb");
		assertThat(this.store.exists(id)).isFalse();
	}

	@Test
	void theWizardUploadsThenPreviewsAndMerges() throws IOException {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		assertThat(http
			.multipart("/workflows/" + id + "/upload", Map.of("format", "csv", "delimiter", ""), "student_list.csv",
					fixture("student_list.csv"))
			.statusCode()).isEqualTo(302);
		String columns = http.get("/workflows/" + id + "/upload/columns").body();
		assertThat(columns).contains("key candidate").contains("olie8242@bogus.com");
		Map<String, String> choose = new java.util.HashMap<>();
		for (int i = 0; i < 12; i++) {
			choose.put("load_" + i, "on");
			choose.put("type_" + i, (i == 0) ? "integer" : "string");
		}
		choose.put("key_0", "on");
		choose.put("name_6", "Full name");
		HttpResponse<String> chosen = http.form("/workflows/" + id + "/upload/columns", choose);
		assertThat(chosen.headers().firstValue("Location").orElse("")).endsWith("/upload/confirm");
		assertThat(http.get("/workflows/" + id + "/upload/confirm").body()).contains("Full name");
		HttpResponse<String> done = http.form("/workflows/" + id + "/upload/confirm", Map.of());
		assertThat(done.headers().firstValue("Location").orElse("")).contains("/table?loaded=replaced");
		assertThat(this.store.count(id, null)).isEqualTo(15);

		assertThat(http
			.multipart("/workflows/" + id + "/upload", Map.of("format", "csv"), "midterm_results.csv",
					fixture("midterm_results.csv"))
			.statusCode()).isEqualTo(302);
		http.get("/workflows/" + id + "/upload/columns");
		Map<String, String> all = new java.util.HashMap<>();
		for (int i = 0; i < 15; i++) {
			all.put("load_" + i, "on");
		}
		assertThat(http.form("/workflows/" + id + "/upload/columns", all).headers().firstValue("Location").orElse(""))
			.endsWith("/upload/merge");
		http.form("/workflows/" + id + "/upload/merge",
				Map.of("mode", "merge", "how", "inner", "leftKey", "SID", "rightKey", "SID"));
		String preview = http.get("/workflows/" + id + "/upload/confirm").body();
		assertThat(preview).contains("13</span> rows matched").contains("2</span> rows dropped");
		assertThat(this.store.count(id, null)).isEqualTo(15);
		http.form("/workflows/" + id + "/upload/confirm", Map.of());
		assertThat(this.store.count(id, null)).isEqualTo(13);
		assertThat(http.get("/workflows/" + id + "/table?loaded=merged").statusCode()).isEqualTo(200);
	}

	@Test
	void jsonArraysOfObjectsAreRead() {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		String json = "[{\"sid\": 1, \"name\": \"Ann\", \"passed\": true},\n {\"sid\": 2, \"score\": 7.5, \"name\": null}]";
		assertThat(http.multipart("/workflows/" + id + "/upload", Map.of("format", "json"), "rows.json", utf8(json))
			.statusCode()).isEqualTo(302);
		String page = http.get("/workflows/" + id + "/upload/columns").body();
		assertThat(page).contains("2</span> rows read").contains("score").contains("Ann");
		HttpResponse<String> nested = http.multipart("/workflows/" + id + "/upload", Map.of("format", "json"),
				"nested.json", utf8("[{\"sid\": 1, \"tags\": [1, 2]}]"));
		assertThat(nested.statusCode()).isEqualTo(400);
		assertThat(nested.body()).contains("nested object or array");
		HttpResponse<String> notArray = http.multipart("/workflows/" + id + "/upload", Map.of("format", "json"),
				"object.json", utf8("{\"sid\": 1}"));
		assertThat(notArray.body()).contains("must be an array of objects");
		assertThat(this.store.exists(id)).isFalse();
	}

	@Test
	void csvOptionsAreHonoured() throws IOException {
		long id = workflow();
		DataHttp http = as(OWNER, id);
		assertThat(http
			.multipart("/workflows/" + id + "/upload", Map.of("format", "csv", "skipTop", "6", "skipBottom", "3"),
					"prelude.csv", fixture("csv_with_prelude_postlude.csv"))
			.statusCode()).isEqualTo(302);
		String page = http.get("/workflows/" + id + "/upload/columns").body();
		assertThat(page).contains("3</span> rows read").contains("student03@bogus.com");
		// semicolons detected, BOM skipped
		long other = workflow();
		DataHttp http2 = as(OWNER, other);
		HttpResponse<String> put = putCsv(http2, other, "?keys=id",
				utf8("\uFEFFid;name;when\n1;a;2024-01-02 10:00\n2;b;2024-01-03\n"));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		assertThat(http2.getJson("/api/workflows/" + other + "/columns").body()).contains("\"name\":\"id\"")
			.contains("\"type\":\"datetime\"");
	}

	@Test
	void twoMergesAtOnceAreSerialisedAndNothingIsLost() throws Exception {
		DataHttp[] http = new DataHttp[1];
		long id = withTable(http);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> results = new ArrayList<>();
		for (String column : List.of("first", "second")) {
			Callable<HttpResponse<String>> merge = () -> {
				start.await();
				return http[0].post("/api/workflows/" + id + "/table/merge?how=outer&leftOn=sid", "text/csv",
						utf8("sid," + column + "\n1,x\n2,y\n3,z\n"));
			};
			results.add(pool.submit(merge));
		}
		start.countDown();
		for (Future<HttpResponse<String>> result : results) {
			assertThat(result.get().statusCode()).as(result.get().body()).isEqualTo(200);
		}
		pool.shutdown();
		assertThat(this.store.columns(id)).extracting(DataColumn::name)
			.containsExactlyInAnyOrder("sid", "name", "score", "first", "second");
		assertThat(this.store.count(id, null)).isEqualTo(3);
		Long filled = this.jdbc
			.queryForObject(
					"SELECT count(*) FROM dataops_data.wf_" + id + " WHERE " + this.store.columns(id).get(3).sqlName()
							+ " IS NOT NULL AND " + this.store.columns(id).get(4).sqlName() + " IS NOT NULL",
					Long.class);
		assertThat(filled).isEqualTo(3);
	}

	/** A valid-looking .xlsx whose sheet inflates 1000 times. */
	private static byte[] zipBomb() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			// the first part POI reads: a little XML, then 20 MB of spaces that deflate
			// to ~20 KB
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(utf8(
					"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
							+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"));
			byte[] spaces = new byte[1 << 20];
			java.util.Arrays.fill(spaces, (byte) ' ');
			for (int i = 0; i < 20; i++) {
				zip.write(spaces);
			}
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

}
