package org.ontask.action.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poster against a real local HTTP server: the request it sends, retries, and the
 * circuit breaker of a failing host.
 */
class JsonPosterTests {

	private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

	private final List<String> headers = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.servers.forEach((server) -> server.stop(0));
	}

	private URI serve(int status, AtomicInteger hits) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (HttpExchange exchange) -> {
			try (exchange) {
				hits.incrementAndGet();
				this.headers
					.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
							+ exchange.getRequestHeaders().getFirst("Authorization") + " "
							+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				byte[] body = "{\"detail\":\"no\"}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(status, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		});
		server.start();
		this.servers.add(server);
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/in");
	}

	// generous time-outs: a busy build machine must not turn an answer into a retry
	private static JsonPoster poster(int attempts, int circuitMinimumCalls) {
		return new JsonPoster(new JsonDeliveryProperties(true, Duration.ofSeconds(20), Duration.ofSeconds(20), attempts,
				Duration.ofMillis(10), circuitMinimumCalls, Duration.ofMinutes(1)));
	}

	@Test
	void aDocumentIsPostedAsJsonWithTheBearerToken() throws IOException {
		AtomicInteger hits = new AtomicInteger();
		JsonPoster.Outcome outcome = poster(1, 10).post(serve(201, hits), "tok", "{\"a\":1}");
		assertThat(outcome.kind()).isEqualTo(JsonPoster.Kind.DELIVERED);
		assertThat(outcome.httpStatus()).isEqualTo(201);
		assertThat(this.headers).containsExactly("POST application/json; charset=utf-8 Bearer tok {\"a\":1}");
	}

	@Test
	void aRefusalIsNotRetriedAndA5xxIs() throws IOException {
		AtomicInteger refusals = new AtomicInteger();
		JsonPoster.Outcome refused = poster(3, 10).post(serve(422, refusals), null, "{}");
		assertThat(refused.kind()).isEqualTo(JsonPoster.Kind.FAILED);
		assertThat(refused.error()).isEqualTo("the target refused the document: HTTP 422: {\"detail\":\"no\"}");
		assertThat(refusals.get()).isEqualTo(1);
		assertThat(this.headers.get(0)).contains(" null ");
		AtomicInteger failures = new AtomicInteger();
		JsonPoster.Outcome failed = poster(3, 10).post(serve(503, failures), null, "{}");
		assertThat(failed.error()).isEqualTo("the target answered HTTP 503 (tried 3 times)");
		assertThat(failures.get()).isEqualTo(3);
	}

	@Test
	void aHostThatKeepsFailingIsNotCalledWhileItsCircuitIsOpen() throws IOException {
		JsonPoster poster = poster(1, 4);
		AtomicInteger hits = new AtomicInteger();
		URI failing = serve(500, hits);
		for (int i = 0; i < 4; i++) {
			assertThat(poster.post(failing, null, "{}").kind()).isEqualTo(JsonPoster.Kind.FAILED);
		}
		JsonPoster.Outcome open = poster.post(failing, null, "{}");
		assertThat(open.kind()).isEqualTo(JsonPoster.Kind.UNREACHABLE);
		assertThat(open.error()).contains("circuit open");
		assertThat(hits.get()).isEqualTo(4);
		// another host has its own circuit
		assertThat(poster.post(serve(200, new AtomicInteger()), null, "{}").kind())
			.isEqualTo(JsonPoster.Kind.DELIVERED);
	}

}
