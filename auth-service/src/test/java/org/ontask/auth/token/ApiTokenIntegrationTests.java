package org.ontask.auth.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;
import org.ontask.auth.user.UserDeactivated;
import org.ontask.auth.user.UserDeleted;
import org.ontask.auth.user.UserUpdated;
import org.ontask.platform.web.ApiTokenStore;
import org.ontask.platform.web.WebProperties;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API tokens over real HTTP against real PostgreSQL and Redis: issued with HTTP Basic or
 * on the account page, used as {@code Authorization: Bearer}, revoked, expired, ended
 * with the account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiTokenIntegrationTests {

	private static final String PASSWORD = "a long enough password";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccountService accounts;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private WebProperties web;

	@Autowired
	private ApiTokenService tokens;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private String newUser(Role role) {
		String email = "script-" + UUID.randomUUID() + "@example.org";
		this.accounts.createIfAbsent(email, "Script <User>", PASSWORD, Set.of(role));
		return email;
	}

	private HttpResponse<String> send(String method, String path, String authorization, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String basic(String email, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	/** Issues a token with HTTP Basic and returns the answer's JSON. */
	private JsonNode issue(String email, String body) {
		HttpResponse<String> created = send("POST", "/api/auth/tokens", basic(email, PASSWORD), body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body());
	}

	@Test
	void aScriptGetsATokenWithItsPasswordAndCallsTheApiWithIt() {
		String email = newUser(Role.INSTRUCTOR);
		HttpResponse<String> created = send("POST", "/api/auth/tokens", basic(email, PASSWORD),
				"{\"name\":\"Nightly export\",\"expiresInDays\":30}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		JsonNode body = JSON.readTree(created.body());
		String token = body.get("token").asString();
		long id = body.get("id").asLong();
		assertThat(token).startsWith("ot_").hasSizeGreaterThan(40);
		assertThat(body.get("name").asString()).isEqualTo("Nightly export");
		Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
		assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofDays(29)),
				Instant.now().plus(Duration.ofDays(31)));
		assertThat(created.headers().firstValue("Location")).hasValue("/api/auth/tokens/" + id);

		HttpResponse<String> me = send("GET", "/api/auth/me", bearer(token), null);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(JSON.readTree(me.body()).get("email").asString()).isEqualTo(email);
		// stateless: no session for a token
		assertThat(me.headers().allValues("Set-Cookie")).isEmpty();

		// only the SHA-256 is kept, in PostgreSQL and in Redis
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM api_token WHERE id = ?", id);
		assertThat(row.get("token_hash")).isEqualTo(ApiTokenStore.hash(token));
		assertThat(row.values()).noneMatch((value) -> String.valueOf(value).contains(token.substring(3)));
		String mirrored = this.redis.opsForValue().get(this.web.apiTokenKeyPrefix() + ApiTokenStore.hash(token));
		assertThat(mirrored).contains("\"email\":\"" + email + "\"")
			.contains("\"roles\":[\"INSTRUCTOR\"]")
			.doesNotContain(token);
		assertThat(this.redis.keys(this.web.apiTokenKeyPrefix() + "*")).noneMatch((key) -> key.contains(token));
	}

	@Test
	void aTokenWithoutExpiryListsAndRevokesItselfAndThenNothingAcceptsIt() {
		String email = newUser(Role.INSTRUCTOR);
		JsonNode body = issue(email, "{\"name\":\"forever\"}");
		assertThat(body.get("expiresAt").isNull()).isTrue();
		String token = body.get("token").asString();
		HttpResponse<String> list = send("GET", "/api/auth/tokens", bearer(token), null);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"name\":\"forever\"").doesNotContain(token).doesNotContain("token_hash");
		// the token's own use is recorded
		assertThat(JSON.readTree(list.body()).get(0).get("lastUsedAt").isNull()).isFalse();

		HttpResponse<String> revoked = send("DELETE", "/api/auth/tokens/" + body.get("id").asLong(), bearer(token),
				null);
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
		HttpResponse<String> after = send("GET", "/api/auth/me", bearer(token), null);
		assertThat(after.statusCode()).isEqualTo(401);
		assertThat(after.headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer error=\"invalid_token\"");
		assertThat(after.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(after.body()).contains("\"status\":401").contains("revoked");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM api_token WHERE id = ?", Long.class,
				body.get("id").asLong()))
			.isZero();
	}

	@Test
	void anotherUsersTokenCannotBeRevokedOrListed() {
		String owner = newUser(Role.INSTRUCTOR);
		String other = newUser(Role.INSTRUCTOR);
		JsonNode mine = issue(owner, "{\"name\":\"owner's\"}");
		long id = mine.get("id").asLong();
		HttpResponse<String> attempt = send("DELETE", "/api/auth/tokens/" + id, basic(other, PASSWORD), null);
		assertThat(attempt.statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/api/auth/tokens/" + id,
				"Bearer " + issue(other, "{\"name\":\"x\"}").get("token").asString(), null)
			.statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/auth/tokens", basic(other, PASSWORD), null).body()).doesNotContain("owner's");
		assertThat(send("GET", "/api/auth/me", bearer(mine.get("token").asString()), null).statusCode()).isEqualTo(200);
		assertThat(send("DELETE", "/api/auth/tokens/" + id, basic(owner, PASSWORD), null).statusCode()).isEqualTo(204);
	}

	@Test
	void basicAuthenticationIsAcceptedOnTheTokenEndpointOnly() {
		String email = newUser(Role.INSTRUCTOR);
		HttpResponse<String> me = send("GET", "/api/auth/me", basic(email, PASSWORD), null);
		assertThat(me.statusCode()).isEqualTo(401);
		assertThat(me.body()).doesNotContain(email);
		assertThat(send("GET", "/api/users", basic("admin@example.org", "correct horse battery staple"), null)
			.statusCode()).isEqualTo(401);
		assertThat(send("POST", "/api/users", basic("admin@example.org", "correct horse battery staple"),
				"{\"email\":\"basic@example.org\",\"name\":\"B\",\"password\":\"another long password\",\"roles\":[\"ADMIN\"]}")
			.statusCode()).isIn(401, 403);
		assertThat(this.accounts.findByEmail("basic@example.org")).isEmpty();
		HttpResponse<String> page = new TestBrowser("http://localhost:" + this.port).get("/account");
		assertThat(page.statusCode()).isEqualTo(302);
	}

	@Test
	void wrongPasswordsOnTheTokenEndpointAreThrottledLikeTheSignInForm() {
		String email = newUser(Role.INSTRUCTOR);
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> wrong = send("POST", "/api/auth/tokens", basic(email, "guess " + i),
					"{\"name\":\"x\"}");
			assertThat(wrong.statusCode()).isEqualTo(401);
			assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
			assertThat(wrong.body()).contains("The email or password is not right.");
		}
		HttpResponse<String> throttled = send("POST", "/api/auth/tokens", basic(email, PASSWORD), "{\"name\":\"x\"}");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(throttled.body()).contains("Too many failed sign-ins");
		// the sign-in form shares the count
		assertThat(new TestBrowser("http://localhost:" + this.port).signIn(email, PASSWORD)
			.headers()
			.firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).isIn("/login?wait", "/"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM api_token WHERE email = ?", Long.class, email))
			.isZero();
		// the same answer for an email with no account
		HttpResponse<String> ghost = send("POST", "/api/auth/tokens", basic("ghost-" + email, PASSWORD),
				"{\"name\":\"x\"}");
		assertThat(ghost.statusCode()).isEqualTo(401);
		assertThat(ghost.body()).contains("The email or password is not right.");
	}

	@Test
	void aTokenCannotMakeTokensAndBadRequestsAreRefusedWithAReason() {
		String email = newUser(Role.LEARNER);
		String token = issue(email, "{\"name\":\"learner script\",\"expiresInDays\":1}").get("token").asString();
		HttpResponse<String> fromToken = send("POST", "/api/auth/tokens", bearer(token), "{\"name\":\"more\"}");
		assertThat(fromToken.statusCode()).isEqualTo(403);
		assertThat(fromToken.body()).contains("An API token cannot create tokens");

		HttpResponse<String> noName = send("POST", "/api/auth/tokens", basic(email, PASSWORD), "{\"name\":\"  \"}");
		assertThat(noName.statusCode()).isEqualTo(400);
		assertThat(noName.body()).contains("A token needs a name");
		HttpResponse<String> longName = send("POST", "/api/auth/tokens", basic(email, PASSWORD),
				"{\"name\":\"" + "x".repeat(101) + "\"}");
		assertThat(longName.statusCode()).isEqualTo(400);
		HttpResponse<String> badExpiry = send("POST", "/api/auth/tokens", basic(email, PASSWORD),
				"{\"name\":\"n\",\"expiresInDays\":0}");
		assertThat(badExpiry.statusCode()).isEqualTo(400);
		assertThat(badExpiry.body()).contains("expiresInDays must be between 1 and 3650");
		HttpResponse<String> malformed = send("POST", "/api/auth/tokens", basic(email, PASSWORD), "{\"name\":");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("\"status\":400").doesNotContain("Exception");
		assertThat(send("GET", "/api/auth/tokens", basic(email, PASSWORD), null).body()).contains("learner script")
			.doesNotContain("\"name\":\"n\"")
			.doesNotContain("\"name\":\"more\"");
		// a learner's token carries the learner role only
		assertThat(send("GET", "/api/users", bearer(token), null).statusCode()).isEqualTo(403);
	}

	@Test
	void anExpiredTokenIsRefused() {
		String email = newUser(Role.INSTRUCTOR);
		JsonNode body = issue(email, "{\"name\":\"short-lived\",\"expiresInDays\":1}");
		String token = body.get("token").asString();
		assertThat(send("GET", "/api/auth/me", bearer(token), null).statusCode()).isEqualTo(200);
		// a day later, as far as PostgreSQL is concerned; the mirror follows on the next
		// sync (and its own TTL would have removed it by itself)
		this.jdbc.update("UPDATE api_token SET expires_at = ? WHERE id = ?",
				java.sql.Timestamp.from(Instant.now().minusSeconds(1)), body.get("id").asLong());
		this.tokens.resync();
		HttpResponse<String> expired = send("GET", "/api/auth/me", bearer(token), null);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
		assertThat(send("GET", "/api/auth/tokens", basic(email, PASSWORD), null).body()).contains("\"expired\":true");
		assertThat(send("GET", "/api/auth/me", bearer("ot_not-a-token"), null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/auth/me", "Bearer", null).statusCode()).isEqualTo(401);
	}

	@Test
	void aFlushedRedisRecoversItsTokensFromPostgres() {
		String email = newUser(Role.INSTRUCTOR);
		String token = issue(email, "{\"name\":\"survivor\"}").get("token").asString();
		String revoked = issue(email, "{\"name\":\"gone\"}").get("token").asString();
		this.jdbc.update("DELETE FROM api_token WHERE token_hash = ?", ApiTokenStore.hash(revoked));
		this.redis.delete(this.web.apiTokenKeyPrefix() + ApiTokenStore.hash(token));
		assertThat(send("GET", "/api/auth/me", bearer(token), null).statusCode()).isEqualTo(401);
		this.tokens.resync();
		assertThat(send("GET", "/api/auth/me", bearer(token), null).statusCode()).isEqualTo(200);
		// a key whose token is no longer in PostgreSQL is removed
		assertThat(send("GET", "/api/auth/me", bearer(revoked), null).statusCode()).isEqualTo(401);
	}

	@Test
	void tokensFollowTheirAccountRolesEndWhenItIsDeactivatedOrDeleted() {
		String email = newUser(Role.INSTRUCTOR);
		UserAccount account = this.accounts.findByEmail(email).orElseThrow();
		String first = issue(email, "{\"name\":\"one\"}").get("token").asString();
		String second = issue(email, "{\"name\":\"two\"}").get("token").asString();
		assertThat(send("GET", "/api/users", bearer(first), null).statusCode()).isEqualTo(403);

		publish(new UserUpdated(account.getId(), email, "Script", List.of("ADMIN", "INSTRUCTOR"), Instant.now()));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(send("GET", "/api/users", bearer(first), null).statusCode()).isEqualTo(200));

		publish(new UserDeactivated(account.getId(), email, Instant.now()));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(send("GET", "/api/auth/me", bearer(first), null).statusCode()).isEqualTo(401));
		assertThat(send("GET", "/api/auth/me", bearer(second), null).statusCode()).isEqualTo(401);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM api_token WHERE user_id = ?", Long.class,
				account.getId()))
			.isZero();

		String other = newUser(Role.INSTRUCTOR);
		UserAccount otherAccount = this.accounts.findByEmail(other).orElseThrow();
		String third = issue(other, "{\"name\":\"three\"}").get("token").asString();
		publish(new UserDeleted(otherAccount.getId(), other, Instant.now()));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(send("GET", "/api/auth/me", bearer(third), null).statusCode()).isEqualTo(401));
	}

	private void publish(Object event) {
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(event));
	}

	@Test
	void tokensAreMadeOnTheAccountPageShownOnceAndRevokedThere() {
		String email = newUser(Role.INSTRUCTOR);
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		browser.signIn(email, PASSWORD);
		HttpResponse<String> account = browser.get("/account");
		assertThat(account.body()).contains("API tokens").contains("You have no API tokens.");

		HttpResponse<String> withoutCsrf = new TestBrowser("http://localhost:" + this.port)
			.withCookie("SESSION", browser.cookie("SESSION").orElseThrow())
			.submit("/account/tokens", Map.of("name", "forged", "expiresInDays", "30"));
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);

		HttpResponse<String> created = browser.submit("/account/tokens",
				Map.of("name", "Report <script>", "expiresInDays", "30"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		Matcher value = Pattern.compile("value=\"(ot_[A-Za-z0-9_-]+)\"").matcher(created.body());
		assertThat(value.find()).isTrue();
		String token = value.group(1);
		assertThat(created.body()).contains("Report &lt;script&gt;").contains("Copy the token now");

		HttpResponse<String> again = browser.get("/account");
		assertThat(again.body()).contains("Report &lt;script&gt;").doesNotContain(token).doesNotContain("forged");
		assertThat(browser.getJson("/api/auth/tokens").body()).contains("Report <script>").doesNotContain(token);
		assertThat(send("GET", "/api/auth/me", bearer(token), null).statusCode()).isEqualTo(200);

		Matcher id = Pattern.compile("data-token-id=\"(\\d+)\"").matcher(again.body());
		assertThat(id.find()).isTrue();
		HttpResponse<String> revoked = browser.submit("/account/tokens/" + id.group(1) + "/revoke", Map.of());
		assertThat(revoked.headers().firstValue("Location")).hasValue("/account?tokenRevoked");
		assertThat(browser.get("/account?tokenRevoked").body()).contains("The token has been revoked.")
			.doesNotContain("Report &lt;script&gt;");
		assertThat(send("GET", "/api/auth/me", bearer(token), null).statusCode()).isEqualTo(401);

		// someone else's token is not theirs to revoke from the page either
		String other = newUser(Role.INSTRUCTOR);
		long othersId = issue(other, "{\"name\":\"theirs\"}").get("id").asLong();
		browser.get("/account");
		assertThat(browser.submit("/account/tokens/" + othersId + "/revoke", Map.of()).statusCode()).isEqualTo(404);
	}

}
