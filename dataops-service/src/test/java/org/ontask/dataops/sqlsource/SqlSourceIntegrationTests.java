package org.ontask.dataops.sqlsource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.TableStore;
import org.ontask.testsupport.TestSessions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQL source over real HTTP against real PostgreSQL: a schema of the test database
 * plays the remote database, reached with the test database's URL and user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SqlSourceIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 9_000_000);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern CONNECTION = Pattern.compile("/upload/sql/(\\d+)/query");

	private static final String PASSWORD = "Sup3r-Secret-Pw!";

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TableStore store;

	@Autowired
	private SecretCipher cipher;

	@Value("${spring.datasource.url}")
	private String url;

	@Value("${spring.datasource.username}")
	private String user;

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@BeforeEach
	void remote() {
		// the test URL may carry the user as parameters, which a connection's URL may not
		this.url = this.url.split("\\?")[0];
		this.jdbc.execute("CREATE SCHEMA IF NOT EXISTS sqlsource_remote");
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS sqlsource_remote.grades (sid INTEGER, name TEXT,"
				+ " score DOUBLE PRECISION, passed BOOLEAN, taken TIMESTAMP)");
		this.jdbc.execute("TRUNCATE sqlsource_remote.grades");
		this.jdbc.update("INSERT INTO sqlsource_remote.grades VALUES (1, 'Ann', 7.5, true, '2025-03-01 10:00'),"
				+ " (2, 'Bob, Jr.', 4, false, '2025-03-02 11:30:15'), (3, NULL, 9.25, true, NULL)");
	}

	@Test
	void passwordsAreStoredEncryptedAndNeverShown() {
		Client http = signedIn();
		long connection = http.create("Encrypted " + http.workflow, this.url, this.user, PASSWORD);
		byte[] stored = this.jdbc.queryForObject("SELECT password_secret FROM sql_connection WHERE id = ?",
				byte[].class, connection);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
		assertThat(stored).hasSizeGreaterThan(PASSWORD.length());
		assertThat(this.cipher.decrypt(stored)).isEqualTo(PASSWORD);
		// a fresh nonce each time: the same password never gives the same bytes
		assertThat(this.cipher.encrypt(PASSWORD)).isNotEqualTo(this.cipher.encrypt(PASSWORD));
		HttpResponse<String> page = http.get("/upload/sql");
		assertThat(page.body()).contains("stored (encrypted)").doesNotContain(PASSWORD);
		HttpResponse<String> edit = http.get("/upload/sql?edit=" + connection);
		assertThat(edit.body()).doesNotContain(PASSWORD);
		// an edit with an empty password keeps it
		assertThat(http
			.form("/upload/sql/" + connection,
					Map.of("name", "Renamed " + http.workflow, "url", this.url, "user", this.user, "password", ""))
			.statusCode()).isEqualTo(302);
		assertThat(this.cipher.decrypt(this.jdbc
			.queryForObject("SELECT password_secret FROM sql_connection WHERE id = ?", byte[].class, connection)))
			.isEqualTo(PASSWORD);
		assertThat(new SecretCipher("another key").available()).isTrue();
		assertThatThrownBy(() -> new SecretCipher("another key").decrypt(stored))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("cannot be decrypted");
	}

	@Test
	void aPasswordIsRefusedWithoutTheSecretKey() {
		SqlConnections withoutKey = new SqlConnections(this.jdbc, new SecretCipher(""));
		String owner = "nokey-" + IDS.incrementAndGet() + "@example.org";
		assertThatThrownBy(() -> withoutKey.create(owner, new SqlConnections.Form("x", this.url, this.user, PASSWORD)))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("ONTASK_SECRET_KEY is not set")
			.hasMessageNotContaining(PASSWORD);
		assertThat(withoutKey.of(owner)).isEmpty();
	}

	@Test
	void otherDatabasesAndDangerousParametersAreRefused() {
		Client http = signedIn();
		refusedUrl(http, "jdbc:mysql://localhost:3306/db", "Only PostgreSQL databases");
		refusedUrl(http, "jdbc:h2:mem:x", "must start with jdbc:postgresql://");
		for (String parameter : List.of("socketFactory=org.example.Evil", "sslfactory=x", "sslhostnameverifier=x",
				"sslpasswordcallback=x", "authenticationPluginClassName=x", "loggerFile=/tmp/x",
				"sslmode=require&SocketFactory=x")) {
			refusedUrl(http, "jdbc:postgresql://localhost:5432/db?" + parameter, "is not allowed");
		}
		refusedUrl(http, "jdbc:postgresql://localhost/db?foo=1", "parameter &#39;foo&#39; is not allowed");
		assertThat(http
			.form("/upload/sql",
					Map.of("name", "fine", "url",
							"jdbc:postgresql://localhost:5432/db?sslmode=require&connectTimeout=5", "user", "u",
							"password", ""))
			.statusCode()).isEqualTo(302);
	}

	private void refusedUrl(Client http, String url, String message) {
		int before = http.connectionCount();
		HttpResponse<String> response = http.form("/upload/sql",
				Map.of("name", "bad " + url, "url", url, "user", "u", "password", PASSWORD));
		assertThat(response.statusCode()).as(url).isEqualTo(400);
		assertThat(response.body()).as(url).contains(message).doesNotContain(PASSWORD);
		assertThat(http.connectionCount()).isEqualTo(before);
	}

	@Test
	void aQueryResultGoesThroughTheWizardAndReplacesTheTable() {
		Client http = signedIn();
		long connection = http.create("Grades " + http.workflow, this.url, this.user, PASSWORD);
		// first load: a new table
		load(http, connection, "SELECT sid, name FROM sqlsource_remote.grades WHERE sid < 3;", 2, false);
		assertThat(this.store.columns(http.workflow)).extracting(DataColumn::name).containsExactly("sid", "name");
		// second load replaces it; types are inferred from the query's values
		load(http, connection, "SELECT sid, name, score, passed, taken FROM sqlsource_remote.grades ORDER BY sid", 5,
				true);
		List<DataColumn> columns = this.store.columns(http.workflow);
		assertThat(columns).extracting(DataColumn::name).containsExactly("sid", "name", "score", "passed", "taken");
		assertThat(columns).extracting(DataColumn::type)
			.containsExactly(ColumnType.INTEGER, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.BOOLEAN,
					ColumnType.DATETIME);
		assertThat(columns.get(0).key()).isTrue();
		assertThat(this.store.page(http.workflow, RowQuery.first(10)).rows())
			.extracting((r) -> r.values().subList(0, 4))
			.containsExactly(List.of(1L, "Ann", 7.5, true), List.of(2L, "Bob, Jr.", 4.0, false),
					java.util.Arrays.asList(3L, null, 9.25, true));
	}

	private void load(Client http, long connection, String query, int width, boolean replace) {
		HttpResponse<String> ran = http.form("/upload/sql/" + connection + "/query", Map.of("query", query));
		assertThat(ran.statusCode()).as(ran.body()).isEqualTo(302);
		assertThat(ran.headers().firstValue("Location").orElseThrow()).endsWith("/upload/columns");
		HttpResponse<String> columns = http.get("/upload/columns");
		assertThat(columns.statusCode()).as(columns.body()).isEqualTo(200);
		assertThat(columns.body()).contains("sid");
		Map<String, String> choice = new LinkedHashMap<>();
		for (int i = 0; i < width; i++) {
			choice.put("load_" + i, "on");
		}
		choice.put("key_0", "on");
		HttpResponse<String> chosen = http.form("/upload/columns", choice);
		assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(302);
		if (replace) {
			assertThat(http.form("/upload/merge", Map.of("mode", "replace")).statusCode()).isEqualTo(302);
		}
		HttpResponse<String> confirmed = http.form("/upload/confirm", Map.of());
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
		assertThat(confirmed.headers().firstValue("Location").orElseThrow()).contains("loaded=replaced");
	}

	@Test
	void writesAreRefusedByTheReadOnlyTransaction() {
		Client http = signedIn();
		long connection = http.create("Writes " + http.workflow, this.url, this.user, PASSWORD);
		for (String query : List.of("DELETE FROM sqlsource_remote.grades",
				"DELETE FROM sqlsource_remote.grades RETURNING sid",
				"UPDATE sqlsource_remote.grades SET score = 0 RETURNING sid")) {
			HttpResponse<String> response = http.form("/upload/sql/" + connection + "/query", Map.of("query", query));
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body()).as(query).contains("read-only transaction");
		}
		HttpResponse<String> twoStatements = http.form("/upload/sql/" + connection + "/query",
				Map.of("query", "SELECT 1; COMMIT; DELETE FROM sqlsource_remote.grades"));
		assertThat(twoStatements.statusCode()).isEqualTo(400);
		assertThat(twoStatements.body()).contains("single statement");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sqlsource_remote.grades WHERE score > 0", Long.class))
			.isEqualTo(3L);
		assertThat(this.store.exists(http.workflow)).isFalse();
		// no wizard state was left behind
		assertThat(http.get("/upload/columns").statusCode()).isEqualTo(302);
	}

	@Test
	void aFailedConnectionSaysSoWithoutThePassword() {
		Client http = signedIn();
		// the test server trusts local connections whatever the password, so the failure
		// is
		// a refused login (an unknown role) and an unreachable port
		long badUser = http.create("Bad user " + http.workflow, this.url, "no_such_role_" + http.workflow, PASSWORD);
		HttpResponse<String> refused = http.form("/upload/sql/" + badUser + "/query", Map.of("query", "SELECT 1 AS x"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Could not connect to").doesNotContain(PASSWORD);
		long closed = http.create("Closed port " + http.workflow, "jdbc:postgresql://127.0.0.1:1/nothing", this.user,
				PASSWORD);
		HttpResponse<String> unreachable = http.form("/upload/sql/" + closed + "/query",
				Map.of("query", "SELECT 1 AS x"));
		assertThat(unreachable.statusCode()).isEqualTo(400);
		assertThat(unreachable.body()).contains("Could not connect to").doesNotContain(PASSWORD);
	}

	@Test
	void connectionsAreTheirUsersOwnAndWorkflowsAreChecked() {
		Client owner = signedIn();
		long connection = owner.create("Mine " + owner.workflow, this.url, this.user, PASSWORD);
		Client other = new Client(owner.workflow, "stranger@example.org");
		assertThat(other.get("/upload/sql").statusCode()).isEqualTo(404);
		Client elsewhere = signedIn("someone-" + IDS.incrementAndGet() + "@example.org");
		assertThat(elsewhere.get("/upload/sql").body()).doesNotContain("Mine " + owner.workflow);
		assertThat(
				elsewhere.form("/upload/sql/" + connection + "/query", Map.of("query", "SELECT 1 AS x")).statusCode())
			.isEqualTo(404);
		assertThat(elsewhere.form("/upload/sql/" + connection + "/delete", Map.of()).statusCode()).isEqualTo(404);
		assertThat(owner.form("/upload/sql/" + connection + "/delete", Map.of()).statusCode()).isEqualTo(302);
		assertThat(owner.connectionCount()).isZero();
	}

	private Client signedIn() {
		return signedIn("teacher-" + IDS.incrementAndGet() + "@example.org");
	}

	private Client signedIn(String email) {
		long id = IDS.incrementAndGet();
		this.jdbc.update("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)", id,
				"Course " + id, email, Timestamp.from(Instant.now()));
		return new Client(id, email);
	}

	/** A signed-in browser on one workflow's pages. */
	private final class Client {

		private final long workflow;

		private final String email;

		private final String session;

		private String csrf;

		Client(long workflow, String email) {
			this.workflow = workflow;
			this.email = email;
			this.session = TestSessions.signIn(SqlSourceIntegrationTests.this.sessions, email, email, "INSTRUCTOR");
			Matcher matcher = CSRF.matcher(get("/upload").body());
			this.csrf = matcher.find() ? matcher.group(1) : "";
		}

		int connectionCount() {
			return SqlSourceIntegrationTests.this.jdbc
				.queryForObject("SELECT count(*) FROM sql_connection WHERE owner_email = ?", Integer.class, this.email);
		}

		long create(String name, String url, String user, String password) {
			HttpResponse<String> response = form("/upload/sql",
					Map.of("name", name, "url", url, "user", user, "password", password));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
			HttpResponse<String> page = get("/upload/sql");
			int at = page.body().indexOf(">" + name + "<");
			assertThat(at).as(page.body()).isPositive();
			Matcher id = CONNECTION.matcher(page.body());
			assertThat(id.find(at)).isTrue();
			return Long.parseLong(id.group(1));
		}

		HttpResponse<String> get(String path) {
			return send(request(path).header("Accept", "text/html").GET());
		}

		HttpResponse<String> form(String path, Map<String, String> fields) {
			StringBuilder body = new StringBuilder("_csrf=" + enc(this.csrf));
			fields.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest
				.newBuilder(URI.create("http://localhost:" + SqlSourceIntegrationTests.this.port + "/workflows/"
						+ this.workflow + path))
				.timeout(Duration.ofSeconds(60))
				.header("Cookie", "SESSION=" + this.session);
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return SqlSourceIntegrationTests.this.client.send(request.build(),
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String enc(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
