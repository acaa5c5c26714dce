package org.ontask.launcher;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ontask.testsupport.FreePorts;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the whole system from the packaged jars as {@code ./ontask start} does, signs in
 * as the first admin through the gateway, and stops everything again.
 * <p>
 * Infrastructure: the servers named by {@code ONTASK_TEST_POSTGRES_URL},
 * {@code ONTASK_TEST_REDIS_URL} and {@code ONTASK_TEST_AMQP_URL} when set (PostgreSQL in
 * a database of this run's own), embedded servers started by the launcher otherwise.
 */
class OnTaskSystemIntegrationTests {

	private static final String ADMIN_EMAIL = "admin@example.org";

	private static final String ADMIN_NAME = "Administrator";

	private static final int LOG_LINES = 60;

	private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

	/**
	 * The variables through which a developer's own settings could change what is tested.
	 */
	private static final List<String> CLEARED_PREFIXES = List.of("ONTASK_", "SPRING_", "SERVER_", "CONFIG_SERVER_");

	@TempDir
	Path stateDirectory;

	private final SecureRandom random = new SecureRandom();

	@Test
	void startsTheSystemSignsInTheAdminThroughTheGatewayAndStopsEverything() throws Exception {
		String password = AdminCredentials.generatePassword(this.random);
		Map<String, String> environment = environment(password);
		int portBase = freePortBase();
		StateDirectory state = new StateDirectory(this.stateDirectory);
		LauncherContext context = new LauncherContext(repositoryRoot(), state, portBase, environment, System.out);
		try {
			assertThat(new StartCommand(context).run()).isZero();
			List<Long> pids = StopCommand.ALL.stream()
				.map(state::readPid)
				.filter(OptionalLong::isPresent)
				.map(OptionalLong::getAsLong)
				.toList();
			assertThat(pids).hasSizeGreaterThanOrEqualTo(App.values().length);

			try {
				useTheSystemAsTheAdmin(context.url(), password);
				importUsersFromTheCommandLine(context, password);
				scriptTheApiWithTokens(context.url(), password);
				twoInstructorsShareCloneAndDeleteAWorkflow(context.url(), password, environment);
				everyServiceDescribesItsApiOnOnePage(context.url(), password);
				aLearnerLaunchedFromTheLmsReadsTheirOwnPage(context.url(), password);
				signInWithChromium(context.url(), password);
			}
			catch (Exception | AssertionError ex) {
				printLogTails(state);
				throw ex;
			}

			assertThat(new StopCommand(context).run()).isZero();
			assertThat(pids).allSatisfy((pid) -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
				.as("process %d after stop", pid)
				.isEmpty());
			try (Stream<Path> pidFiles = Files.list(state.pids())) {
				assertThat(pidFiles).isEmpty();
			}
			assertThat(state.postgresData().resolve("postmaster.pid")).doesNotExist();
		}
		finally {
			new StopCommand(context).run();
		}
	}

	/**
	 * What a user does first, through the gateway: signs in, is greeted by name, creates
	 * a workflow, opens a page of every other service under the same session (the table,
	 * actions and schedules pages appear once those services have consumed
	 * {@code workflow.created}), signs out, and is signed out everywhere.
	 */
	private void useTheSystemAsTheAdmin(String baseUrl, String password) {
		TestBrowser browser = new TestBrowser(baseUrl);
		HttpResponse<String> loginPage = browser.get("/login");
		assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
		assertThat(loginPage.body()).contains("<form").contains("name=\"_csrf\"");

		HttpResponse<String> wrong = browser.submit("/login", Map.of("email", ADMIN_EMAIL, "password", "wrong"));
		assertThat(wrong.headers().firstValue("Location")).hasValue("/login?error");
		browser.get("/login?error");

		HttpResponse<String> signIn = browser.submit("/login", Map.of("email", ADMIN_EMAIL, "password", password));
		assertThat(signIn.statusCode()).as(signIn.body()).isIn(302, 303);
		assertThat(signIn.headers().firstValue("Location")).hasValue("/");
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
		assertThat(home.body()).contains("Welcome, <span>" + ADMIN_NAME + "</span>");

		HttpResponse<String> created = browser.submit("/workflows",
				Map.of("name", "System test " + System.nanoTime(), "description", "made through the gateway"));
		assertThat(created.statusCode()).as(created.body()).isIn(302, 303);
		String workflow = created.headers().firstValue("Location").orElseThrow().replace("?created", "");
		assertThat(browser.get(workflow).body()).contains("made through the gateway");
		for (String page : List.of("/table", "/actions", "/schedules")) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(
						() -> assertThat(browser.get(workflow + page).statusCode()).as(workflow + page).isEqualTo(200));
		}
		assertThat(browser.get("/schedules").statusCode()).isEqualTo(200);
		assertThat(browser.get("/account").body()).contains(ADMIN_EMAIL);
		assertThat(browser.get("/no/such/page").statusCode()).isEqualTo(404);

		browser.get("/");
		assertThat(browser.submit("/logout", Map.of()).headers().firstValue("Location")).hasValue("/login?logout");
		for (String page : List.of("/", workflow, workflow + "/table", workflow + "/actions", "/schedules",
				"/account")) {
			HttpResponse<String> after = browser.get(page);
			assertThat(after.statusCode()).as(page).isIn(302, 303);
			assertThat(after.headers().firstValue("Location").orElseThrow()).as(page).startsWith("/login?next=");
		}
	}

	/**
	 * {@code ./ontask admin import-users} on the running system: auth-service's jar runs
	 * once as a command on the same servers, and the accounts it creates are there for
	 * the running auth-service.
	 */
	private void importUsersFromTheCommandLine(LauncherContext context, String password) throws Exception {
		Path csv = Files.writeString(this.stateDirectory.resolve("class.csv"),
				"name,email\nOne,cli.one@example.org\nTwo,CLI.Two@example.org\n");
		AdminArguments arguments = AdminArguments
			.parse(List.of("import-users", csv.toString(), "--column", "email", "--instructors"), Map.of());
		assertThat(new AdminCommand(context, arguments, null).run()).isZero();
		TestBrowser admin = new TestBrowser(context.url());
		admin.signIn(ADMIN_EMAIL, password);
		HttpResponse<String> users = admin.getJson("/api/users?q=cli.");
		assertThat(users.body()).contains("\"email\":\"cli.one@example.org\"")
			.contains("\"email\":\"cli.two@example.org\"")
			.contains("\"roles\":[\"INSTRUCTOR\"]");
	}

	/**
	 * Scripting through the gateway with API tokens: the admin gets a token with HTTP
	 * Basic and creates an instructor with it; the instructor gets a token, reaches
	 * workflow-service's {@code /api/workflows} with it, revokes it, and is refused from
	 * then on.
	 */
	private void scriptTheApiWithTokens(String baseUrl, String password) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String adminToken = field(api(http, baseUrl, "POST", "/api/auth/tokens", basic(ADMIN_EMAIL, password),
				"{\"name\":\"setup\"}", 201), "token");
		String instructor = "instructor-" + System.nanoTime() + "@example.org";
		api(http, baseUrl, "POST", "/api/users", "Bearer " + adminToken,
				"{\"email\":\"" + instructor
						+ "\",\"name\":\"Ines\",\"password\":\"a long enough password\",\"roles\":[\"INSTRUCTOR\"]}",
				201);
		String created = api(http, baseUrl, "POST", "/api/auth/tokens", basic(instructor, "a long enough password"),
				"{\"name\":\"curl\",\"expiresInDays\":7}", 201);
		String token = field(created, "token");
		api(http, baseUrl, "POST", "/api/workflows", "Bearer " + token, "{\"name\":\"Scripted\",\"description\":\"\"}",
				201);
		assertThat(api(http, baseUrl, "GET", "/api/workflows", "Bearer " + token, null, 200)).contains("Scripted");
		api(http, baseUrl, "DELETE", "/api/auth/tokens/" + field(created, "id"), "Bearer " + token, null, 204);
		api(http, baseUrl, "GET", "/api/workflows", "Bearer " + token, null, 401);
		api(http, baseUrl, "GET", "/api/workflows", basic(instructor, "a long enough password"), null, 401);
	}

	/**
	 * Issue 4's scenario through the gateway, with two instructors' API tokens: the owner
	 * creates a workflow, loads a table, writes an action, sets an attribute, shares and
	 * renames it; the other sees the new name, is refused a stale edit with a message
	 * naming who changed it, and may not delete it; a clone has the table, the action and
	 * the attribute of the original; the history shows all of it; and once the original
	 * is deleted, no schema of any service holds a row of it.
	 */
	private void twoInstructorsShareCloneAndDeleteAWorkflow(String baseUrl, String adminPassword,
			Map<String, String> environment) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String admin = "Bearer " + field(api(http, baseUrl, "POST", "/api/auth/tokens",
				basic(ADMIN_EMAIL, adminPassword), "{\"name\":\"scenario\"}", 201), "token");
		String suffix = Long.toString(System.nanoTime());
		String owner = instructorToken(http, baseUrl, admin, "owner-" + suffix + "@example.org");
		String colleagueEmail = "colleague-" + suffix + "@example.org";
		String colleague = instructorToken(http, baseUrl, admin, colleagueEmail);

		String created = api(http, baseUrl, "POST", "/api/workflows", owner,
				"{\"name\":\"Course " + suffix + "\",\"description\":\"Week 1\"}", 201);
		long id = Long.parseLong(field(created, "id"));
		String workflow = "/api/workflows/" + id;
		// dataops and action-service know the workflow once they have consumed
		// workflow.created
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(call(http, baseUrl, "PUT", workflow + "/table?keys=sid", owner, "text/csv",
					"sid,email,name,score\n1,ann@example.org,Ann,72\n2,bob@example.org,Bob,41\n3,cy@example.org,Cy,55\n")
				.statusCode()).isEqualTo(200));
		String passed = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"score\",\"field\":\"score\",\"type\":"
				+ "\"integer\",\"operator\":\"greater_or_equal\",\"value\":\"50\"}]}";
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(call(http, baseUrl, "POST", workflow + "/actions", owner,
					"application/json",
					"{\"name\":\"Feedback\",\"type\":\"personalized_text\",\"subject\":\"Your mark\",\"text\":"
							+ "\"<p>Hello {{ name }}</p>{% if Passed %}<p>Well done.</p>{% endif %}\",\"conditions\":"
							+ "[{\"name\":\"Passed\",\"formula\":" + passed + "}]}")
				.statusCode()).isEqualTo(201));
		String version = field(api(http, baseUrl, "GET", workflow, owner, null, 200), "version");
		String afterAttribute = api(http, baseUrl, "PUT", workflow + "/attributes/course", owner,
				"{\"value\":\"Biology 101\",\"version\":" + version + "}", 200);
		api(http, baseUrl, "POST", workflow + "/shares", owner, "{\"email\":\"" + colleagueEmail + "\"}", 201);
		String stale = field(afterAttribute, "version");
		String current = field(api(http, baseUrl, "GET", workflow, owner, null, 200), "version");
		api(http, baseUrl, "PUT", workflow, owner,
				"{\"name\":\"Renamed " + suffix + "\",\"description\":\"Week 2\",\"version\":" + current + "}", 200);

		assertThat(api(http, baseUrl, "GET", "/api/workflows", colleague, null, 200)).contains("Renamed " + suffix);
		String conflict = api(http, baseUrl, "PUT", workflow, colleague,
				"{\"name\":\"Mine " + suffix + "\",\"description\":\"\",\"version\":" + stale + "}", 409);
		assertThat(conflict).contains("Not saved").contains("owner-" + suffix + "@example.org");
		api(http, baseUrl, "DELETE", workflow, colleague, null, 403);

		String clone = api(http, baseUrl, "POST", workflow + "/clone", owner, null, 202);
		long cloneId = Long.parseLong(field(clone, "id"));
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(api(http, baseUrl, "GET", "/api/workflows/" + cloneId, owner, null, 200))
				.contains("\"state\":\"READY\""));
		assertThat(api(http, baseUrl, "GET", "/api/workflows/" + cloneId + "/table?page=0&size=10", owner, null, 200))
			.contains("\"total\":3")
			.contains("\"name\":\"Cy\"");
		assertThat(api(http, baseUrl, "GET", "/api/workflows/" + cloneId + "/actions", owner, null, 200))
			.contains("\"name\":\"Feedback\"")
			.contains("Passed");
		assertThat(api(http, baseUrl, "GET", "/api/workflows/" + cloneId + "/attributes", owner, null, 200))
			.contains("\"course\":\"Biology 101\"");

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String history = api(http, baseUrl, "GET", workflow + "/history", colleague, null, 200);
			for (String kind : List.of("workflow.created", "table.replaced", "action.created", "workflow.shared",
					"workflow.renamed")) {
				assertThat(history).as(kind).contains(kind);
			}
		});

		api(http, baseUrl, "DELETE", workflow, owner, null, 204);
		api(http, baseUrl, "GET", workflow, owner, null, 404);
		String dbUrl = environment.get("ONTASK_DB_URL");
		if (dbUrl == null) {
			System.out.println("No ONTASK_DB_URL: the schemas were not checked for traces of the deleted workflow");
			return;
		}
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(tracesOf(id, dbUrl, environment)).as("rows of workflow " + id).isEmpty());
		assertThat(tracesOf(cloneId, dbUrl, environment)).as("the clone is untouched").isNotEmpty();
	}

	/**
	 * Issue 7's first promise through the gateway: an instructor publishes a message as a
	 * page; a learner arrives by an LTI 1.1 launch signed by an independent OAuth client
	 * (python3-oauthlib) whose target is that page, and reads the paragraphs their own
	 * row decides; a launch signed with the wrong secret signs nobody in.
	 */
	private void aLearnerLaunchedFromTheLmsReadsTheirOwnPage(String baseUrl, String adminPassword) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String admin = "Bearer " + field(api(http, baseUrl, "POST", "/api/auth/tokens",
				basic(ADMIN_EMAIL, adminPassword), "{\"name\":\"lti\"}", 201), "token");
		String owner = instructorToken(http, baseUrl, admin, "teacher-" + System.nanoTime() + "@example.org");
		long id = Long.parseLong(field(
				api(http, baseUrl, "POST", "/api/workflows", owner, "{\"name\":\"Served\",\"description\":\"\"}", 201),
				"id"));
		String workflow = "/api/workflows/" + id;
		String ann = "ann." + System.nanoTime() + "@example.org";
		String bob = "bob." + System.nanoTime() + "@example.org";
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(call(http, baseUrl, "PUT", workflow + "/table?keys=sid", owner, "text/csv",
					"sid,email,name,score\n1," + ann + ",Ann,72\n2," + bob + ",Bob,41\n")
				.statusCode()).isEqualTo(200));
		String passed = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"score\",\"field\":\"score\",\"type\":"
				+ "\"integer\",\"operator\":\"greater_or_equal\",\"value\":\"50\"}]}";
		String[] action = new String[1];
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			HttpResponse<String> created = call(http, baseUrl, "POST", workflow + "/actions", owner, "application/json",
					"{\"name\":\"Week 5\",\"type\":\"personalized_text\",\"subject\":\"Week 5\",\"text\":"
							+ "\"<p>Dear {{ name }},</p>{% if Passed %}<p>You passed the midterm.</p>{% else %}"
							+ "<p>Come and see me.</p>{% endif %}\",\"conditions\":[{\"name\":\"Passed\",\"formula\":"
							+ passed + "}]}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			action[0] = field(created.body(), "id");
		});
		api(http, baseUrl, "PUT", workflow + "/actions/" + action[0] + "/serve", owner,
				"{\"enabled\":true,\"learnerColumn\":\"email\",\"shuffle\":false}", 200);
		String target = "/serve/" + action[0];

		String annPage = launch(baseUrl, ann, target, "lms-secret");
		assertThat(annPage).contains("Dear Ann,").contains("You passed the midterm.").doesNotContain("Bob");
		String bobPage = launch(baseUrl, bob, target, "lms-secret");
		assertThat(bobPage).contains("Dear Bob,").contains("Come and see me.").doesNotContain("Ann");
		// someone without a row sees nobody's data
		assertThat(launch(baseUrl, "nobody." + System.nanoTime() + "@example.org", target, "lms-secret"))
			.doesNotContain("Dear ");
		assertThat(launch(baseUrl, ann, target, "not-the-secret")).doesNotContain("Dear Ann");

		// issue 8 through the gateway: the same message scheduled a little ahead is sent
		// once, by scheduler-service's command to action-service, to both learners
		String runAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(15).withNano(0).toString();
		String schedule = field(api(http, baseUrl, "POST", workflow + "/schedules", owner,
				"{\"name\":\"Week 5 by email\",\"actionId\":" + action[0] + ",\"runAt\":\"" + runAt
						+ "\",\"parameters\":{\"emailColumn\":\"email\",\"subject\":\"Week 5\"}}",
				201), "id");
		await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
			String done = api(http, baseUrl, "GET", workflow + "/schedules/" + schedule, owner, null, 200);
			assertThat(done).contains("\"status\":\"DONE\",\"runId\"").contains("\"sent\":2,\"failed\":0");
		});
	}

	/**
	 * A learner's launch from the LMS, signed by python3-oauthlib with the given secret
	 * (the key is {@code lms}): posts it to the gateway, follows the redirect with the
	 * session it got, and returns the page it lands on (or the refusal).
	 */
	private String launch(String baseUrl, String email, String target, String secret) throws Exception {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("lti_message_type", "basic-lti-launch-request");
		params.put("lti_version", "LTI-1p0");
		params.put("resource_link_id", "week5-" + System.nanoTime());
		params.put("context_id", "BIOL1011");
		params.put("roles", "Learner");
		params.put("lis_person_contact_email_primary", email);
		params.put("lis_person_name_full", "A Learner");
		params.put("custom_ontask_target", target);
		String url = baseUrl + "/lti/launch";
		String json = params.entrySet()
			.stream()
			.map((e) -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
			.collect(Collectors.joining(",", "{", "}"));
		// the system python, where scripts/install-test-tools puts python3-oauthlib
		Process signer = new ProcessBuilder("/usr/bin/python3",
				repositoryRoot().resolve("auth-service/src/test/resources/lti/sign_launch.py").toString(), url, "lms",
				secret, json)
			.redirectErrorStream(true)
			.start();
		String body = new String(signer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(signer.waitFor()).as(body).isZero();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		return landed.statusCode() + " " + landed.uri().getPath() + "\n" + landed.body();
	}

	private static String instructorToken(HttpClient http, String baseUrl, String admin, String email)
			throws Exception {
		api(http, baseUrl, "POST", "/api/users", admin, "{\"email\":\"" + email
				+ "\",\"name\":\"Instructor\",\"password\":\"a long enough password\",\"roles\":[\"INSTRUCTOR\"]}",
				201);
		return "Bearer " + field(api(http, baseUrl, "POST", "/api/auth/tokens", basic(email, "a long enough password"),
				"{\"name\":\"scenario\"}", 201), "token");
	}

	/**
	 * Where a workflow still appears in the database: every table of every schema with a
	 * column named {@code workflow_id} (or ending in it), the workflows and known
	 * workflows by id, the learner table {@code dataops_data.wf_<id>}, and outbox entries
	 * (every schema's {@code event_publication}) whose event names it. Table names come
	 * from the catalogue, never from input.
	 */
	private static List<String> tracesOf(long workflowId, String dbUrl, Map<String, String> environment)
			throws SQLException {
		List<String> traces = new ArrayList<>();
		try (Connection db = DriverManager.getConnection(dbUrl, environment.getOrDefault("ONTASK_DB_USER", "postgres"),
				environment.getOrDefault("ONTASK_DB_PASSWORD", ""))) {
			List<String[]> columns = new ArrayList<>();
			try (Statement catalogue = db.createStatement();
					ResultSet rs = catalogue.executeQuery("SELECT c.table_schema, c.table_name, c.column_name "
							+ "FROM information_schema.columns c JOIN information_schema.tables t "
							+ "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
							+ "WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', "
							+ "'information_schema') AND (c.column_name LIKE '%workflow_id' OR (c.column_name = 'id' "
							+ "AND c.table_name IN ('workflow', 'known_workflow')))")) {
				while (rs.next()) {
					columns.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
				}
			}
			assertThat(columns).as("tables that name workflows").hasSizeGreaterThan(5);
			for (String[] column : columns) {
				String sql = "SELECT count(*) FROM \"" + column[0] + "\".\"" + column[1] + "\" WHERE \"" + column[2]
						+ "\" = ?";
				if (column[1].equals("owned_workflow")) {
					// auth-service's tombstone: the id alone, so a late workflow.created
					// cannot revive the workflow
					sql += " AND NOT (deleted AND owner_email IS NULL AND name = '')";
				}
				try (PreparedStatement count = db.prepareStatement(sql)) {
					count.setLong(1, workflowId);
					try (ResultSet rs = count.executeQuery()) {
						rs.next();
						if (rs.getLong(1) > 0) {
							traces.add(column[0] + "." + column[1] + "." + column[2] + ": " + rs.getLong(1));
						}
					}
				}
			}
			List<String> outboxes = new ArrayList<>();
			try (Statement catalogue = db.createStatement();
					ResultSet rs = catalogue.executeQuery("SELECT table_schema FROM information_schema.tables "
							+ "WHERE table_name = 'event_publication'")) {
				while (rs.next()) {
					outboxes.add(rs.getString(1));
				}
			}
			for (String schema : outboxes) {
				try (PreparedStatement count = db.prepareStatement(
						"SELECT count(*) FROM \"" + schema + "\".event_publication WHERE serialized_event ~ ?")) {
					count.setString(1, "\"(workflowId|cloneWorkflowId)\":" + workflowId + "[,}]");
					try (ResultSet rs = count.executeQuery()) {
						rs.next();
						if (rs.getLong(1) > 0) {
							traces.add(schema + ".event_publication: " + rs.getLong(1));
						}
					}
				}
			}
			try (PreparedStatement table = db.prepareStatement("SELECT to_regclass(?)")) {
				table.setString(1, "dataops_data.wf_" + workflowId);
				try (ResultSet rs = table.executeQuery()) {
					rs.next();
					if (rs.getString(1) != null) {
						traces.add("table dataops_data.wf_" + workflowId);
					}
				}
			}
		}
		return traces;
	}

	private static HttpResponse<String> call(HttpClient http, String baseUrl, String method, String path,
			String authorization, String contentType, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json")
			.header("Authorization", authorization)
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The gateway's one page for every service's API: each service's OpenAPI description
	 * is reachable through it with a token, and refused without one.
	 */
	private void everyServiceDescribesItsApiOnOnePage(String baseUrl, String adminPassword) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String admin = "Bearer " + field(api(http, baseUrl, "POST", "/api/auth/tokens",
				basic(ADMIN_EMAIL, adminPassword), "{\"name\":\"docs\"}", 201), "token");
		assertThat(http.send(get(baseUrl + "/api-docs/index.html"), HttpResponse.BodyHandlers.ofString()).body())
			.contains("swagger-ui");
		String services = http.send(get(baseUrl + "/api-docs/services"), HttpResponse.BodyHandlers.ofString()).body();
		for (App app : List.of(App.AUTH_SERVICE, App.WORKFLOW_SERVICE, App.DATAOPS_SERVICE, App.ACTION_SERVICE,
				App.SCHEDULER_SERVICE)) {
			String path = "/api/docs/" + app.appName();
			assertThat(services).contains(path);
			assertThat(api(http, baseUrl, "GET", path, admin, null, 200)).as(path).contains("\"openapi\"");
			assertThat(http.send(get(baseUrl + path), HttpResponse.BodyHandlers.ofString()).statusCode()).as(path)
				.isEqualTo(401);
		}
	}

	private static String api(HttpClient http, String baseUrl, String method, String path, String authorization,
			String json, int expectedStatus) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.header("Authorization", authorization)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

	private static String basic(String email, String password) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** A top-level string or number field of a JSON object. */
	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
		assertThat(matcher.find()).as(name + " in " + json).isTrue();
		return matcher.group(1);
	}

	/**
	 * The same sign-in in a real headless Chromium: the login form, the greeting on the
	 * home page with the shared layout's styles applied, and signing out.
	 */
	private void signInWithChromium(String baseUrl, String password) throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(executable("chromium").toString());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
				"--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("ontask-chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(executable("chromedriver").toFile())
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			browser.get(baseUrl + "/");
			assertThat(browser.getCurrentUrl()).contains("/login?next=");
			browser.findElement(By.id("email")).sendKeys(ADMIN_EMAIL);
			browser.findElement(By.id("password")).sendKeys(password);
			browser.findElement(By.cssSelector("form button[type=submit]")).click();
			WebElement greeting = wait
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=greeting]")));
			assertThat(greeting.getText()).isEqualTo("Welcome, " + ADMIN_NAME);
			// Bootstrap came through the gateway: the navigation bar has its primary
			// colour
			assertThat(browser.findElement(By.cssSelector("nav.navbar")).getCssValue("background-color"))
				.isEqualTo("rgba(13, 110, 253, 1)");
			browser.findElement(By.cssSelector("[data-testid=logout]")).click();
			wait.until(ExpectedConditions.urlContains("/login?logout"));
		}
		finally {
			browser.quit();
			service.stop();
		}
	}

	private static Path executable(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException(
				name + " is not installed; the system test needs it. Run scripts/install-test-tools (as root).");
	}

	/** The logs are deleted with the state folder; a failure on CI needs them. */
	private static void printLogTails(StateDirectory state) {
		for (App app : List.of(App.GATEWAY, App.AUTH_SERVICE, App.WORKFLOW_SERVICE)) {
			System.out.printf("%nLast %d lines of %s:%n", LOG_LINES, state.log(app.appName()));
			state.tail(state.log(app.appName()), LOG_LINES).forEach(System.out::println);
		}
	}

	private static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
	}

	private Map<String, String> environment(String adminPassword) {
		Map<String, String> environment = new HashMap<>();
		System.getenv().forEach((name, value) -> {
			if (CLEARED_PREFIXES.stream().noneMatch(name::startsWith)) {
				environment.put(name, value);
			}
		});
		// a slow machine may run this beside other builds; the launcher's own default is
		// for a laptop
		environment.put(LauncherContext.START_TIMEOUT_VARIABLE,
				System.getenv().getOrDefault(LauncherContext.START_TIMEOUT_VARIABLE, "420"));
		if (System.getenv(LauncherContext.JAVA_OPTS_VARIABLE) != null) {
			environment.put(LauncherContext.JAVA_OPTS_VARIABLE, System.getenv(LauncherContext.JAVA_OPTS_VARIABLE));
		}
		// sent events leave the outboxes at once, so a deleted workflow's can be checked
		// for
		environment.put("ONTASK_OUTBOX_KEEP_COMPLETED", "0s");
		environment.put("ONTASK_LTI_CREDENTIALS", "lms=lms-secret");
		environment.put("ONTASK_OUTBOX_PURGE_INTERVAL", "2s");
		environment.put(AdminCredentials.EMAIL_VARIABLE, ADMIN_EMAIL);
		environment.put(AdminCredentials.PASSWORD_VARIABLE, adminPassword);
		if (System.getenv("ONTASK_TEST_POSTGRES_URL") != null) {
			// a database of this run's own on that server, dropped when the run ends
			TestInfrastructure.Postgres postgres = TestInfrastructure.get().postgres();
			environment.put("ONTASK_DB_URL", postgres.jdbcUrl());
			environment.put("ONTASK_DB_USER", postgres.user());
			environment.put("ONTASK_DB_PASSWORD", postgres.password());
		}
		// shared Redis and RabbitMQ: this run's own session namespace and AMQP names
		String run = "sys" + Long.toHexString(this.random.nextLong() & Long.MAX_VALUE) + ".";
		environment.put("ONTASK_REDIS_NAMESPACE", run + "ontask");
		environment.put("ONTASK_MESSAGING_NAME_PREFIX", run);
		String redis = System.getenv("ONTASK_TEST_REDIS_URL");
		if (redis != null && !redis.isBlank()) {
			environment.put("ONTASK_REDIS_URL", redis);
		}
		String amqp = System.getenv("ONTASK_TEST_AMQP_URL");
		if (amqp != null && !amqp.isBlank()) {
			environment.put("ONTASK_AMQP_URL", amqp);
		}
		return environment;
	}

	/**
	 * A base where the gateway, the five services and config-server all find a free port.
	 */
	private int freePortBase() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int base = 20000 + this.random.nextInt(1000) * 10;
			if (Stream.of(App.values()).noneMatch((app) -> FreePorts.isTaken(app.port(base)))) {
				return base;
			}
		}
		throw new IllegalStateException("No port base with 7 free ports between 20000 and 30000");
	}

	private static Path repositoryRoot() {
		Path directory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		while (directory != null) {
			if (Files.isDirectory(directory.resolve("launcher")) && Files.isRegularFile(directory.resolve("mvnw"))) {
				return directory;
			}
			directory = directory.getParent();
		}
		throw new IllegalStateException("Not inside the repository: " + System.getProperty("user.dir"));
	}

}
