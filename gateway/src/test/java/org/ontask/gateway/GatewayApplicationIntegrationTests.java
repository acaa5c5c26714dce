package org.ontask.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GatewayApplicationIntegrationTests {

	/** Stands in for workflow-service: echoes what it received. */
	private static final HttpServer workflowService = startEchoServer();

	/** Nothing listens here: dataops-service is down. */
	private static final int deadPort = freePort();

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("ontask.services.workflow-service",
				() -> "http://127.0.0.1:" + workflowService.getAddress().getPort());
		registry.add("ontask.services.dataops-service", () -> "http://127.0.0.1:" + deadPort);
	}

	@AfterAll
	static void stopServices() {
		workflowService.stop(0);
	}

	private HttpResponse<String> get(String path, String accept, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(30));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void routesTheHomePageToWorkflowServiceWithForwardedHeadersAndWithoutIdentityHeaders() throws Exception {
		HttpResponse<String> response = get("/", "text/html", "X-Remote-User", "admin@example.org");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("workflow-service GET /")
			.contains("remote-user=null")
			.contains("forwarded-host=localhost:" + this.port);
	}

	@Test
	void unknownPathIsTheSitePageForBrowsersAndAProblemForApis() throws Exception {
		HttpResponse<String> page = get("/no/such/page", "text/html");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(page.body()).contains("There is nothing at this address.").contains("navbar");
		HttpResponse<String> api = get("/api/nothing", "application/json");
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(api.body()).contains("\"status\":404").contains("\"instance\":\"/api/nothing\"");
	}

	@Test
	void internalPathsAreNeverRouted() throws Exception {
		assertThat(get("/internal/workflows/1/access", "application/json").statusCode()).isEqualTo(404);
	}

	@Test
	void aServiceThatIsDownAnswers503AtOnce() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> page = get("/workflows/1/table", "text/html");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.body()).contains("not available at the moment");
		HttpResponse<String> api = get("/api/workflows/1/table", "application/json");
		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(api.body()).contains("\"status\":503");
	}

	@Test
	void recoversByItselfWhenTheServiceComesBack() throws Exception {
		assertThat(get("/workflows/2/upload", "text/html").statusCode()).isEqualTo(503);
		HttpServer dataops = startEchoServer(deadPort);
		try {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(get("/workflows/2/upload", "text/html").statusCode()).isEqualTo(200));
		}
		finally {
			dataops.stop(0);
		}
	}

	@Test
	void servesSharedStaticAssets() throws Exception {
		assertThat(get("/webjars/bootstrap/css/bootstrap.min.css", "text/css").statusCode()).isEqualTo(200);
	}

	private static HttpServer startEchoServer() {
		return startEchoServer(0);
	}

	private static HttpServer startEchoServer(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			server.createContext("/", (exchange) -> {
				String body = "workflow-service " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
						+ " remote-user=" + exchange.getRequestHeaders().getFirst("X-Remote-User") + " forwarded-host="
						+ exchange.getRequestHeaders().getFirst("X-Forwarded-Host");
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
