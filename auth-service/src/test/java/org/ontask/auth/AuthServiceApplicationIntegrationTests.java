package org.ontask.auth;

import java.net.http.HttpResponse;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccountService;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class AuthServiceApplicationIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private UserAccountService accounts;

	@Value("${spring.session.data.redis.namespace}")
	private String sessionNamespace;

	private TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void loginPageHasAFormWithACsrfToken() {
		HttpResponse<String> page = browser().get("/login");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"email\"").contains("name=\"password\"").contains("name=\"_csrf\"");
	}

	@Test
	void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
		HttpResponse<String> wrongPassword = browser().signIn("admin@example.org", "not the password");
		HttpResponse<String> unknownEmail = browser().signIn("nobody@example.org", "not the password");
		assertThat(wrongPassword.statusCode()).isEqualTo(302);
		assertThat(wrongPassword.headers().firstValue("Location")).hasValue("/login?error");
		assertThat(unknownEmail.headers().firstValue("Location"))
			.isEqualTo(wrongPassword.headers().firstValue("Location"));
		TestBrowser browser = browser();
		browser.signIn("admin@example.org", "wrong");
		assertThat(browser.get("/login?error").body()).contains("The email or password is not right.");
	}

	@Test
	void bootstrapAdminSignsInWithAnyCaseOfEmailAndSeesTheAccountPage() {
		TestBrowser browser = browser();
		HttpResponse<String> signIn = browser.signIn("Admin@Example.ORG", "correct horse battery staple");
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location")).hasValue("/");
		HttpResponse<String> account = browser.get("/account");
		assertThat(account.statusCode()).isEqualTo(200);
		assertThat(account.body()).contains("admin@example.org").contains("Administrator").contains("ADMIN");
	}

	@Test
	void signInChangesTheSessionIdAndSignOutEndsTheSession() {
		TestBrowser browser = browser();
		browser.get("/login");
		String before = browser.cookie("SESSION").orElse("none");
		browser.submit("/login", Map.of("email", "admin@example.org", "password", "correct horse battery staple"));
		String after = browser.cookie("SESSION").orElseThrow();
		assertThat(after).isNotEqualTo(before);
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
		HttpResponse<String> logout = browser.submit("/logout", Map.of());
		assertThat(logout.headers().firstValue("Location")).hasValue("/login?logout");
		HttpResponse<String> afterLogout = browser.get("/account");
		assertThat(afterLogout.statusCode()).isEqualTo(302);
		assertThat(afterLogout.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");
	}

	@Test
	void sessionsAreStoredInRedisAsJson() {
		TestBrowser browser = browser();
		browser.signIn("admin@example.org", "correct horse battery staple");
		String sessionId = new String(Base64.getDecoder().decode(browser.cookie("SESSION").orElseThrow()),
				StandardCharsets.UTF_8);
		Object context = this.redis.opsForHash()
			.get(this.sessionNamespace + ":sessions:" + sessionId, "sessionAttr:SPRING_SECURITY_CONTEXT");
		assertThat(context).as("session %s among %s", sessionId, this.redis.keys(this.sessionNamespace + "*"))
			.isNotNull();
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.readTree(context.toString()).toString()).contains("\"username\":\"admin@example.org\"")
			.contains("ROLE_ADMIN")
			.doesNotContain("password\":\"{");
	}

	@Test
	void afterSignInTheUserGoesWhereTheyWereGoingButNeverToAnotherSite() {
		TestBrowser browser = browser();
		browser.get("/login");
		HttpResponse<String> local = browser.submit("/login", Map.of("email", "admin@example.org", "password",
				"correct horse battery staple", "next", "/workflows/7"));
		assertThat(local.headers().firstValue("Location")).hasValue("/workflows/7");
		TestBrowser other = browser();
		other.get("/login");
		HttpResponse<String> offsite = other.submit("/login", Map.of("email", "admin@example.org", "password",
				"correct horse battery staple", "next", "//evil.example.com/"));
		assertThat(offsite.headers().firstValue("Location")).hasValue("/");
	}

	@Test
	void repeatedFailuresSlowDownThenLockTheAccountEvenForTheRightPassword() {
		this.accounts.createIfAbsent("target@example.org", "Target", "the right one", Set.of(Role.INSTRUCTOR));
		for (int i = 0; i < 3; i++) {
			assertThat(browser().signIn("target@example.org", "guess " + i).headers().firstValue("Location"))
				.hasValue("/login?error");
		}
		assertThat(browser().signIn("target@example.org", "too soon").headers().firstValue("Location"))
			.hasValue("/login?wait");
		for (int i = 0; i < 2; i++) {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(300))
				.until(() -> browser().signIn("target@example.org", "guess again")
					.headers()
					.firstValue("Location")
					.orElse("")
					.equals("/login?error"));
		}
		TestBrowser browser = browser();
		assertThat(browser.signIn("target@example.org", "the right one").headers().firstValue("Location"))
			.hasValue("/login?locked");
		assertThat(browser.get("/login?locked").body()).contains("Too many failed attempts");
		assertThat(browser.get("/account").statusCode()).isEqualTo(302);
		// the same answers for an email with no account, so locking reveals nothing
		for (int i = 0; i < 3; i++) {
			browser().signIn("ghost@example.org", "guess " + i);
		}
		assertThat(browser().signIn("ghost@example.org", "x").headers().firstValue("Location")).hasValue("/login?wait");
	}

	@Test
	void aUserChangesTheirPasswordAndBadChangesChangeNothing() {
		this.accounts.createIfAbsent("changer@example.org", "Changer", "first password", Set.of(Role.INSTRUCTOR));
		TestBrowser browser = browser();
		browser.signIn("changer@example.org", "first password");
		browser.get("/account");
		HttpResponse<String> wrongCurrent = browser.submit("/account/password", Map.of("currentPassword", "not it",
				"newPassword", "second password", "confirmation", "second password"));
		assertThat(wrongCurrent.statusCode()).isEqualTo(400);
		assertThat(wrongCurrent.body()).contains("The current password is not right.");
		HttpResponse<String> tooShort = browser.submit("/account/password",
				Map.of("currentPassword", "first password", "newPassword", "short", "confirmation", "short"));
		assertThat(tooShort.body()).contains("at least 10 characters");
		HttpResponse<String> mismatch = browser.submit("/account/password", Map.of("currentPassword", "first password",
				"newPassword", "second password", "confirmation", "second passwort"));
		assertThat(mismatch.body()).contains("are not the same");
		HttpResponse<String> withoutCsrf = new TestBrowser("http://localhost:" + this.port)
			.withCookie("SESSION", browser.cookie("SESSION").orElseThrow())
			.submit("/account/password", Map.of("currentPassword", "first password", "newPassword", "hijacked password",
					"confirmation", "hijacked password"));
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
		assertThat(browser().signIn("changer@example.org", "first password").headers().firstValue("Location"))
			.hasValue("/");

		HttpResponse<String> changed = browser.submit("/account/password", Map.of("currentPassword", "first password",
				"newPassword", "second password", "confirmation", "second password"));
		assertThat(changed.headers().firstValue("Location")).hasValue("/account?passwordChanged");
		assertThat(browser().signIn("changer@example.org", "second password").headers().firstValue("Location"))
			.hasValue("/");
		assertThat(browser().signIn("changer@example.org", "first password").headers().firstValue("Location"))
			.hasValue("/login?error");
	}

	@Test
	void theAdminCreatesAnInstructorWhoThenSignsIn() {
		TestBrowser admin = browser();
		admin.signIn("admin@example.org", "correct horse battery staple");
		admin.get("/admin/users");
		HttpResponse<String> created = admin.submit("/admin/users", Map.of("email", " New.Instructor@Example.org ",
				"name", "Ines <Instructor>", "password", "a long enough password", "roles", "INSTRUCTOR"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		assertThat(admin.get("/admin/users?q=new.instructor").body()).contains("new.instructor@example.org")
			.contains("Ines &lt;Instructor&gt;");
		admin.get("/admin/users");
		HttpResponse<String> duplicate = admin.submit("/admin/users", Map.of("email", "new.instructor@example.org",
				"name", "Again", "password", "a long enough password", "roles", "INSTRUCTOR"));
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("There is already an account for new.instructor@example.org.");

		HttpResponse<String> api = admin.postJson("/api/users",
				"{\"email\":\"api.user@example.org\",\"name\":\"Api\",\"password\":\"another long password\",\"roles\":[\"INSTRUCTOR\"]}");
		assertThat(api.statusCode()).isEqualTo(201);
		assertThat(api.body()).contains("\"id\":").contains("\"roles\":[\"INSTRUCTOR\"]");
		HttpResponse<String> badRole = admin.postJson("/api/users",
				"{\"email\":\"x@example.org\",\"name\":\"X\",\"password\":\"another long password\",\"roles\":[\"ROOT\"]}");
		assertThat(badRole.statusCode()).isEqualTo(400);
		assertThat(badRole.body()).contains("is not a role");

		TestBrowser instructor = browser();
		assertThat(instructor.signIn("new.instructor@example.org", "a long enough password")
			.headers()
			.firstValue("Location")).hasValue("/");
		assertThat(instructor.get("/admin/users").statusCode()).isEqualTo(403);
		assertThat(instructor.getJson("/api/users").statusCode()).isEqualTo(403);
		assertThat(browser().get("/admin/users").statusCode()).isEqualTo(302);
	}

	@Test
	void apiTellsTheSignedInUserWhoTheyAre() {
		TestBrowser browser = browser();
		browser.signIn("admin@example.org", "correct horse battery staple");
		HttpResponse<String> me = browser.getJson("/api/auth/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo(
				"{\"email\":\"admin@example.org\",\"name\":\"Administrator\",\"roles\":[\"ADMIN\",\"INSTRUCTOR\"]}");
		assertThat(browser().getJson("/api/auth/me").statusCode()).isEqualTo(401);
	}

	@Test
	void apiWithoutCredentialsGetsAProblemDetail() {
		HttpResponse<String> response = browser().getJson("/api/users/me");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(response.body()).contains("\"status\":401");
	}

	@Test
	void unknownPageIsTheSiteErrorPageForBrowsersAndAProblemForApis() {
		TestBrowser browser = browser();
		browser.signIn("admin@example.org", "correct horse battery staple");
		HttpResponse<String> page = browser.get("/account/nothing-here");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("There is nothing at this address.").contains("navbar");
		HttpResponse<String> api = browser.getJson("/api/auth/nothing-here");
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.body()).contains("\"status\":404").doesNotContain("Exception");
	}

}
