package org.ontask.workflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ontask.platform.web.ApiTokenStore;
import org.ontask.platform.web.WebProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Authorization: Bearer} in a service other than auth-service: platform's filter
 * reads the token mirror auth-service keeps in (real) Redis, on every request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiTokenBearerIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApiTokenStore tokens;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private WebProperties web;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private HttpResponse<String> send(String method, String path, String token, String json, String accept)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", accept)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String newToken() {
		return ApiTokenStore.TOKEN_PREFIX + UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void aMirroredTokenReachesTheApiWithoutSessionOrCsrfUntilItIsRemoved() throws Exception {
		String token = newToken();
		String email = "token-" + UUID.randomUUID() + "@example.org";
		this.tokens.put(ApiTokenStore.hash(token), email, List.of("INSTRUCTOR"), Instant.now().plusSeconds(3600));

		HttpResponse<String> created = send("POST", "/api/workflows", token,
				"{\"name\":\"Made by a script\",\"description\":\"\"}", "application/json");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> list = send("GET", "/api/workflows", token, null, "application/json");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("Made by a script");
		assertThat(list.headers().allValues("Set-Cookie")).isEmpty();

		this.tokens.remove(ApiTokenStore.hash(token));
		HttpResponse<String> revoked = send("GET", "/api/workflows", token, null, "application/json");
		assertThat(revoked.statusCode()).isEqualTo(401);
		assertThat(revoked.headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer error=\"invalid_token\"");
		assertThat(revoked.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(revoked.body()).contains("\"status\":401").doesNotContain(email);
	}

	@Test
	void anExpiredUnknownOrMalformedTokenGets401() throws Exception {
		String expired = newToken();
		// an entry whose expiry has passed while its key has not gone yet (clock skew)
		this.redis.opsForValue()
			.set(this.web.apiTokenKeyPrefix() + ApiTokenStore.hash(expired),
					"{\"email\":\"late@example.org\",\"roles\":[\"INSTRUCTOR\"],\"expiresAt\":\""
							+ Instant.now().minusSeconds(5) + "\"}",
					Duration.ofMinutes(1));
		assertThat(send("GET", "/api/workflows", expired, null, "application/json").statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/workflows", newToken(), null, "application/json").statusCode()).isEqualTo(401);
		String garbage = newToken();
		this.redis.opsForValue()
			.set(this.web.apiTokenKeyPrefix() + ApiTokenStore.hash(garbage), "not json", Duration.ofMinutes(1));
		assertThat(send("GET", "/api/workflows", garbage, null, "application/json").statusCode()).isEqualTo(401);
	}

	@Test
	void aTokenCarriesItsHoldersRolesAndOnlyCountsOnTheApi() throws Exception {
		String learner = newToken();
		this.tokens.put(ApiTokenStore.hash(learner), "learner@example.org", List.of("LEARNER"), null);
		assertThat(send("GET", "/api/workflows", learner, null, "application/json").statusCode()).isEqualTo(403);
		// pages are for browsers and their sessions: a bearer token does not sign anyone
		// in there
		HttpResponse<String> page = send("GET", "/", learner, null, "text/html");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).startsWith("/login");
		this.tokens.remove(ApiTokenStore.hash(learner));
	}

}
