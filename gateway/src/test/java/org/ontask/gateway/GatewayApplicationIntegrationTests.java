package org.ontask.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// a single-sign-on proxy at 127.0.0.2; clients connect from 127.0.0.1
		properties = "ontask.gateway.trusted-header-proxies=127\\.0\\.0\\.2")
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
	void theIdentityHeaderFromOutsideIsRemovedAndFromTheSingleSignOnProxyPassedOn() throws Exception {
		assertThat(get("/", "text/html", "Remote-User", "admin@example.org").body()).contains("remote-user=null");
		assertThat(getFrom("127.0.0.1", "/", "X-Remote-User: admin@example.org")).contains("remote-user=null");
		assertThat(getFrom("127.0.0.2", "/", "X-Remote-User: learner@example.org"))
			.contains("remote-user=learner@example.org");
		// claiming to come from the proxy changes nothing: the connection decides
		assertThat(getFrom("127.0.0.1", "/", "X-Forwarded-For: 127.0.0.2\r\nX-Remote-User: admin@example.org"))
			.contains("remote-user=null");
	}

	@Test
	void servicesAreToldTheClientAddressTheGatewaySawNotOneTheClientChose() throws Exception {
		// 127.0.0.2 is not a trusted proxy: whatever it claims, the client is 127.0.0.2
		String untrusted = getFrom("127.0.0.2", "/",
				"X-Forwarded-For: 203.0.113.7, 198.51.100.1\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https");
		assertThat(untrusted).contains("forwarded-for=[127.0.0.2]")
			.contains("forwarded-host=localhost:" + this.port)
			.contains("forwarded-proto=http\n")
			.doesNotContain("evil");
		String rotated = getFrom("127.0.0.2", "/", "X-Forwarded-For: 192.0.2.99");
		assertThat(rotated).contains("forwarded-for=[127.0.0.2]");
		// 127.0.0.1 is a trusted proxy (ONTASK_TRUSTED_PROXIES): the client is the
		// right-most address it forwarded that is not a trusted proxy
		String trusted = getFrom("127.0.0.1", "/", "X-Forwarded-For: 203.0.113.7, 198.51.100.1, 127.0.0.1");
		assertThat(trusted).contains("forwarded-for=[198.51.100.1]");
		assertThat(getFrom("127.0.0.1", "/", "X-Forwarded-For: <script>, 198.51.100.2"))
			.contains("forwarded-for=[198.51.100.2]");
		assertThat(getFrom("127.0.0.1", "/", "X-Forwarded-For: not-an-address")).contains("forwarded-for=[127.0.0.1]");
	}

	/**
	 * A GET sent from a given local address (any 127.x address reaches the gateway on
	 * loopback), as a proxy or a client on another machine would.
	 */
	private String getFrom(String localAddress, String path, String headers) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(30000);
			String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAccept: text/html\r\nConnection: close\r\n" + headers + "\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
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

	@Test
	void oneApiDocsPageBrowsesTheDescriptionOfEveryService() throws Exception {
		HttpResponse<String> entry = get("/api-docs", "text/html");
		assertThat(entry.statusCode()).isEqualTo(307);
		assertThat(entry.headers().firstValue("Location")).hasValue("/api-docs/index.html");
		assertThat(get("/api-docs/index.html", "text/html").body()).contains("swagger-ui-bundle.js")
			.contains("/api-docs/api-docs.js");
		assertThat(get("/webjars/swagger-ui/swagger-ui-bundle.js", "*/*").statusCode()).isEqualTo(200);
		assertThat(get("/api-docs/api-docs.js", "*/*").body()).contains("/api-docs/services");
		String services = get("/api-docs/services", "application/json").body();
		for (String service : new String[] { "auth-service", "workflow-service", "dataops-service", "action-service",
				"scheduler-service" }) {
			assertThat(services).contains("{\"name\":\"" + service + "\",\"url\":\"/api/docs/" + service + "\"}");
		}
		// each description is routed to its own service
		assertThat(get("/api/docs/workflow-service", "application/json").body())
			.startsWith("workflow-service GET /api/docs/workflow-service");
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
						+ exchange.getRequestHeaders().getFirst("X-Forwarded-Host") + " forwarded-for="
						+ exchange.getRequestHeaders().get("X-Forwarded-For") + " forwarded-proto="
						+ exchange.getRequestHeaders().getFirst("X-Forwarded-Proto") + "\n";
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
