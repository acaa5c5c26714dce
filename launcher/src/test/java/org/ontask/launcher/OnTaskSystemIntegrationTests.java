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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
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
