package org.ontask.action;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TcpProxy;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * JSON delivery ({@code personalized_json}, {@code json_report}) to a real local HTTP
 * receiver: one correct JSON document per learner with the bearer token, retries on 500
 * and time-outs, a pause while the target is down and a resume that delivers nobody
 * twice, invalid JSON refused on save and flagged in preview.
 */
class JsonDeliveryIntegrationTests extends WorkflowScenarios {

	@DynamicPropertySource
	static void delivery(DynamicPropertyRegistry registry) {
		// the receiver listens on loopback; refusal of internal targets is tested in
		// TargetUrlsTests with the default
		registry.add("ontask.actions.json.allow-internal-targets", () -> "true");
		registry.add("ontask.actions.json.read-timeout", () -> "1500ms");
		registry.add("ontask.actions.json.connect-timeout", () -> "1s");
		registry.add("ontask.actions.json.attempts", () -> "2");
		registry.add("ontask.actions.json.backoff", () -> "50ms");
		registry.add("ontask.secret-key", () -> "test-secret-key-for-json-tokens");
	}

	/** A receiver of documents: answers 200, 500, or hangs. */
	static final class Receiver implements AutoCloseable {

		final HttpServer server;

		final List<Received> received = Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger hits = new AtomicInteger();

		volatile String mode = "ok";

		record Received(String authorization, String contentType, JsonNode body) {
		}

		Receiver() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.setExecutor(Executors.newCachedThreadPool());
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		String url() {
			return "http://127.0.0.1:" + port() + "/ontask/in";
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				this.hits.incrementAndGet();
				byte[] body = exchange.getRequestBody().readAllBytes();
				if (this.mode.equals("hang")) {
					// the receiver itself is slow, past the client's read time-out: this
					// sleep is the simulated slow server, not a test waiting for
					// something
					try {
						Thread.sleep(4000);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				if (this.mode.equals("500")) {
					answer(exchange, 500, "{\"error\":\"broken\"}");
					return;
				}
				this.received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
						exchange.getRequestHeaders().getFirst("Content-Type"),
						JSON.readTree(new String(body, StandardCharsets.UTF_8))));
				answer(exchange, 200, "{\"ok\":true}");
			}
		}

		private static void answer(HttpExchange exchange, int status, String json) throws IOException {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

		List<Received> to(String sid) {
			synchronized (this.received) {
				return this.received.stream().filter((r) -> r.body().path("sid").asString().equals(sid)).toList();
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

	private static final String GOOD = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"Score\",\"field\":\"Score\","
			+ "\"type\":\"double\",\"operator\":\"greater_or_equal\",\"value\":\"50\"}]}";

	private long jsonAction(TestBrowser marie, long workflowId) {
		String text = "{\n  \"sid\": \"{{ sid }}\",\n  \"id\": {{ sid }},\n  \"name\": \"{{ Given name }}\",\n"
				+ "  \"score\": {{ Score }},\n  \"passed\": {{ Passed }},\n  \"greeting\": \"Hello {{ Given name }}!\""
				+ "{% if Good %},\n  \"note\": \"well done\"{% endif %}\n}";
		return createAction(marie, workflowId, "{\"name\":\"To the LMS\",\"type\":\"personalized_json\",\"text\":"
				+ JSON.writeValueAsString(text) + ",\"conditions\":[{\"name\":\"Good\",\"formula\":" + GOOD + "}]}");
	}

	private String runBody(String target) {
		return "{\"keyColumn\":\"sid\",\"targetUrl\":\"" + target + "\",\"token\":\"s3cret-token\"}";
	}

	@Test
	void aJsonRunPostsOneCorrectDocumentPerLearnerWithTheToken() throws Exception {
		try (Receiver receiver = new Receiver()) {
			long id = workflow("JSON", sidTable());
			TestBrowser marie = api(MARIE, id);
			long action = jsonAction(marie, id);
			String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
			HttpResponse<String> started = marie.postJson(runs, runBody(receiver.url()));
			assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
			long run = JSON.readTree(started.body()).get("id").asLong();
			JsonNode done = awaitRun(marie, runs + "/" + run, "DONE");
			assertThat(done.get("total").asInt()).isEqualTo(4);
			assertThat(done.get("sent").asInt()).isEqualTo(4);
			assertThat(receiver.received).hasSize(4);
			for (Receiver.Received each : receiver.received) {
				assertThat(each.authorization()).isEqualTo("Bearer s3cret-token");
				assertThat(each.contentType()).startsWith("application/json");
			}
			JsonNode ana = receiver.to("1001").get(0).body();
			assertThat(ana.get("id").asLong()).isEqualTo(1001);
			assertThat(ana.get("name").asString()).isEqualTo("Ana \"the 1st\"");
			assertThat(ana.get("greeting").asString()).isEqualTo("Hello Ana \"the 1st\"!");
			assertThat(ana.get("score").asDouble()).isEqualTo(72.5);
			assertThat(ana.get("passed").asBoolean()).isTrue();
			assertThat(ana.get("note").asString()).isEqualTo("well done");
			JsonNode ben = receiver.to("1002").get(0).body();
			assertThat(ben.get("name").asString()).isEqualTo("Ben\\<b>");
			assertThat(ben.has("note")).isFalse();
			JsonNode cleo = receiver.to("1003").get(0).body();
			assertThat(cleo.get("score").isNull()).isTrue();
			assertThat(cleo.get("passed").isNull()).isTrue();

			// each delivery recorded with the learner's key and the HTTP status; the
			// token is gone once the run has ended
			assertThat(this.jdbc
				.sql("SELECT recipient || ':' || status || ':' || http_status FROM action_run_message WHERE run_id = ? "
						+ "ORDER BY recipient")
				.param(run)
				.query(String.class)
				.list()).containsExactly("1001:SENT:200", "1002:SENT:200", "1003:SENT:200", "1004:SENT:200");
			assertThat(this.jdbc.sql("SELECT token IS NULL FROM action_run WHERE id = ?")
				.param(run)
				.query(Boolean.class)
				.single()).isTrue();

			// a redelivered command delivers nobody anything twice
			this.jdbc.sql("UPDATE action_run SET status = 'QUEUED' WHERE id = ?").param(run).update();
			command("action-service.runs", "{\"runId\":" + run + "}");
			awaitRun(marie, runs + "/" + run, "DONE");
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(receiver.received).hasSize(4);
				assertThat(receiver.hits.get()).isEqualTo(4);
			});
		}
	}

	@Test
	void aJsonReportPostsOneDocumentWithListsOfColumnValues() throws Exception {
		try (Receiver receiver = new Receiver()) {
			long id = workflow("JSON report", sidTable());
			TestBrowser marie = api(MARIE, id);
			long action = createAction(marie, id,
					"{\"name\":\"Report\",\"type\":\"json_report\",\"text\":"
							+ JSON.writeValueAsString(
									"{\"course\": \"Physics\", \"data\": {% ot_insert_report \"sid\" \"Score\" %}}")
							+ "}");
			String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
			HttpResponse<String> started = marie.postJson(runs,
					"{\"targetUrl\":\"" + receiver.url() + "\",\"token\":\"t\"}");
			assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
			JsonNode done = awaitRun(marie, runs + "/" + JSON.readTree(started.body()).get("id").asLong(), "DONE");
			assertThat(done.get("total").asInt()).isEqualTo(1);
			assertThat(done.get("sent").asInt()).isEqualTo(1);
			assertThat(receiver.received).hasSize(1);
			JsonNode report = receiver.received.get(0).body();
			assertThat(report.get("course").asString()).isEqualTo("Physics");
			assertThat(report.get("data").get("sid").toString()).isEqualTo("[\"1001\",\"1002\",\"1003\",\"1004\"]");
			assertThat(report.get("data").get("Score").toString()).isEqualTo("[\"72.5\",\"40.0\",null,\"90.0\"]");
		}
	}

	@Test
	void aTargetAnswering500IsRetriedAndEachFailureRecorded() throws Exception {
		try (Receiver receiver = new Receiver()) {
			receiver.mode = "500";
			long id = workflow("JSON 500", sidTable());
			TestBrowser marie = api(MARIE, id);
			long action = jsonAction(marie, id);
			String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
			HttpResponse<String> started = marie.postJson(runs, runBody(receiver.url()));
			long run = JSON.readTree(started.body()).get("id").asLong();
			JsonNode done = awaitRun(marie, runs + "/" + run, "DONE");
			assertThat(done.get("failed").asInt()).isEqualTo(4);
			assertThat(done.get("failures").get(0).get("error").asString())
				.isEqualTo("the target answered HTTP 500 (tried 2 times)");
			assertThat(receiver.hits.get()).isEqualTo(8);
			assertThat(this.jdbc.sql("SELECT DISTINCT http_status FROM action_run_message WHERE run_id = ?")
				.param(run)
				.query(Integer.class)
				.list()).containsExactly(500);
		}
	}

	@Test
	void aTargetThatHangsTimesOutIsRetriedAndRecorded() throws Exception {
		try (Receiver receiver = new Receiver()) {
			receiver.mode = "hang";
			long id = workflow("JSON hang", sidTable());
			DataopsStub.Table table = DATAOPS.table(id);
			table.rows().subList(2, 4).clear();
			TestBrowser marie = api(MARIE, id);
			long action = jsonAction(marie, id);
			String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
			HttpResponse<String> started = marie.postJson(runs, runBody(receiver.url()));
			long run = JSON.readTree(started.body()).get("id").asLong();
			JsonNode done = awaitRun(marie, runs + "/" + run, "DONE");
			assertThat(done.get("failed").asInt()).isEqualTo(2);
			assertThat(done.get("failures").get(0).get("error").asString())
				.isEqualTo("the target did not answer within 1500 ms (tried 2 times)");
			await().atMost(Duration.ofSeconds(20)).until(() -> receiver.hits.get() == 4);
		}
	}

	@Test
	void aRunPausesWhileTheTargetIsDownAndResumesWithoutDeliveringTwice() throws Exception {
		try (Receiver receiver = new Receiver(); TcpProxy proxy = new TcpProxy("127.0.0.1", receiver.port())) {
			long id = workflow("JSON down", sidTable());
			TestBrowser marie = api(MARIE, id);
			long action = jsonAction(marie, id);
			String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
			proxy.cut();
			HttpResponse<String> started = marie.postJson(runs,
					runBody("http://127.0.0.1:" + proxy.port() + "/ontask/in"));
			long run = JSON.readTree(started.body()).get("id").asLong();
			JsonNode paused = awaitRun(marie, runs + "/" + run, "PAUSED");
			assertThat(paused.get("message").asString()).contains("The target cannot be reached");
			assertThat(paused.get("sent").asInt()).isZero();
			assertThat(receiver.received).isEmpty();
			// the token is kept (encrypted) while the run may go on
			assertThat(
					this.jdbc.sql("SELECT token FROM action_run WHERE id = ?").param(run).query(byte[].class).single())
				.isNotNull()
				.asString()
				.doesNotContain("s3cret");
			proxy.restore();
			HttpResponse<String> resumed = marie.postJson(runs + "/" + run + "/resume", "{}");
			assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
			assertThat(awaitRun(marie, runs + "/" + run, "DONE").get("sent").asInt()).isEqualTo(4);
			for (String sid : List.of("1001", "1002", "1003", "1004")) {
				assertThat(receiver.to(sid)).as(sid).hasSize(1);
				assertThat(receiver.to(sid).get(0).authorization()).isEqualTo("Bearer s3cret-token");
			}
		}
	}

	@Test
	void aTargetWithNothingListeningPausesTheRun() throws Exception {
		int free;
		try (ServerSocket socket = new ServerSocket(0)) {
			free = socket.getLocalPort();
		}
		long id = workflow("JSON nobody", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = jsonAction(marie, id);
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
		HttpResponse<String> started = marie.postJson(runs, runBody("http://127.0.0.1:" + free + "/in"));
		long run = JSON.readTree(started.body()).get("id").asLong();
		JsonNode paused = awaitRun(marie, runs + "/" + run, "PAUSED");
		assertThat(paused.get("message").asString()).contains(
				"The target cannot be reached: the target cannot be reached (connection refused) (tried 2 times)");
	}

	@Test
	void aScheduledRunWhoseTargetIsDownEndsFailedForItsSchedule() throws Exception {
		int free;
		try (ServerSocket socket = new ServerSocket(0)) {
			free = socket.getLocalPort();
		}
		long id = workflow("JSON scheduled down", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = jsonAction(marie, id);
		long schedule = IDS.incrementAndGet();
		long execution = IDS.incrementAndGet();
		command("action-service.scheduled-runs",
				"{\"scheduleId\":" + schedule + ",\"executionId\":" + execution + ",\"workflowId\":" + id
						+ ",\"actionId\":" + action + ",\"actorEmail\":\"" + MARIE + "\",\"incremental\":true,"
						+ "\"parameters\":" + runBody("http://127.0.0.1:" + free + "/in") + "}");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(outbox("ActionRunCompleted", "\"executionId\":" + execution + ",")).singleElement()
						.asString()
						.contains("\"status\":\"FAILED\"")
						.contains("The target cannot be reached")
						.contains("left for the next run"));
	}

	@Test
	void invalidJsonIsRefusedOnSaveWithItsPositionAndFlaggedInPreview() {
		long id = workflow("JSON invalid", sidTable());
		TestBrowser marie = api(MARIE, id);
		Map<String, String> refused = Map.of("{\"a\": {{ sid }},}", "at line 1, column", "{\"a\": \"{{ sid }}\"",
				"not valid JSON", "{\"a\": {{ Nope }}}", "is not a column, attribute or condition",
				"{\"a\": {% ot_insert_report \"sid\" %}}", "can only be used in an email or JSON report",
				"{% for x in y %}{}", "is not allowed");
		for (Map.Entry<String, String> text : refused.entrySet()) {
			HttpResponse<String> response = marie.postJson("/api/workflows/" + id + "/actions",
					"{\"name\":\"Bad\",\"type\":\"personalized_json\",\"text\":"
							+ JSON.writeValueAsString(text.getKey()) + "}");
			assertThat(response.statusCode()).as(text.getKey()).isEqualTo(400);
			assertThat(response.body()).as(text.getKey()).contains(text.getValue());
		}
		HttpResponse<String> quoted = marie.postJson("/api/workflows/" + id + "/actions",
				"{\"name\":\"Bad\",\"type\":\"json_report\",\"text\":"
						+ JSON.writeValueAsString("{\"a\": \"{% ot_insert_report \"sid\" %}\"}") + "}");
		assertThat(quoted.statusCode()).isEqualTo(400);
		assertThat(quoted.body()).contains("cannot be inside a string");
		// valid with every condition false and with every one true, not for a learner
		// for whom only the first holds: the preview says so and shows the document
		String text = "[{% if Good %}1,{% endif %}{% if Has passed %}2{% endif %}]";
		long action = createAction(marie, id,
				"{\"name\":\"Mixed\",\"type\":\"personalized_json\",\"text\":" + JSON.writeValueAsString(text)
						+ ",\"conditions\":[{\"name\":\"Good\",\"formula\":" + GOOD
						+ "},{\"name\":\"Has passed\",\"formula\":{\"condition\":\"AND\",\"rules\":[{\"id\":\"Passed\","
						+ "\"field\":\"Passed\",\"type\":\"boolean\",\"operator\":\"equal\",\"value\":\"true\"}]}}]}");
		JsonNode ana = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/preview?row=1");
		assertThat(ana.path("error").isNull() || ana.path("error").isMissingNode()).as(ana.toString()).isTrue();
		assertThat(ana.get("text").asString()).isEqualTo("[1,2]");
		JsonNode dan = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/preview?row=4");
		assertThat(dan.get("text").asString()).isEqualTo("[1,2]");
		JsonNode ben = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/preview?row=2");
		assertThat(ben.get("text").asString()).isEqualTo("[]");
		DATAOPS.table(id).rows().get(1).put("Score", 60.0);
		JsonNode mixed = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/preview?row=2");
		assertThat(mixed.get("text").asString()).isEqualTo("[1,]");
		assertThat(mixed.get("error").asString()).contains("not valid JSON at line 1, column");
		String page = marie.get("/workflows/" + id + "/actions/" + action + "/preview?row=2").body();
		assertThat(page).contains("not valid JSON").contains("data-testid=\"document\"");
	}

	@Test
	void runsWithABadTargetOrKeyAreRefusedBeforeAnythingIsSent() {
		long id = workflow("JSON refused", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = jsonAction(marie, id);
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
		Map<String, String> refused = Map.of("{\"keyColumn\":\"sid\",\"targetUrl\":\"ftp://example.org/x\"}",
				"must start with https://", "{\"keyColumn\":\"sid\",\"targetUrl\":\"https://u:p@example.org/x\"}",
				"cannot contain a user name", "{\"keyColumn\":\"sid\"}", "Give the URL",
				"{\"keyColumn\":\"Nope\",\"targetUrl\":\"http://127.0.0.1:9/x\"}", "There is no column \\\"Nope\\\"",
				"{\"targetUrl\":\"http://127.0.0.1:9/x\"}", "Choose the column that identifies each learner");
		for (Map.Entry<String, String> body : refused.entrySet()) {
			HttpResponse<String> response = marie.postJson(runs, body.getKey());
			assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
			assertThat(response.body()).as(body.getKey()).contains(body.getValue());
		}
		assertThat(getJson(marie, runs)).isEmpty();
		assertThat(signedIn(PIERRE).postJson(runs, runBody("http://127.0.0.1:9/x")).statusCode()).isIn(403, 404);
	}

	@Test
	void aScheduledIncrementalJsonRunOnlyDeliversToNewLearners() throws Exception {
		try (Receiver receiver = new Receiver()) {
			long id = workflow("JSON scheduled", sidTable());
			TestBrowser marie = api(MARIE, id);
			long action = jsonAction(marie, id);
			long schedule = IDS.incrementAndGet();
			String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
			for (int i = 0; i < 2; i++) {
				long execution = IDS.incrementAndGet();
				command("action-service.scheduled-runs",
						"{\"scheduleId\":" + schedule + ",\"executionId\":" + execution + ",\"workflowId\":" + id
								+ ",\"actionId\":" + action + ",\"actorEmail\":\"" + MARIE
								+ "\",\"incremental\":true,\"parameters\":" + runBody(receiver.url()) + "}");
				await().atMost(Duration.ofSeconds(30))
					.until(() -> this.jdbc.sql("SELECT count(*) FROM action_run WHERE schedule_execution_id = ?")
						.param(execution)
						.query(Long.class)
						.single() == 1);
				long run = this.jdbc.sql("SELECT id FROM action_run WHERE schedule_execution_id = ?")
					.param(execution)
					.query(Long.class)
					.single();
				JsonNode done = awaitRun(marie, runs + "/" + run, "DONE");
				assertThat(done.get("sent").asInt()).isEqualTo((i == 0) ? 4 : 1);
				if (i == 0) {
					DATAOPS.table(id).rows().add(sidRow(5, "Eve", "eve@example.org", 55.0, false));
				}
			}
			assertThat(receiver.received).hasSize(5);
			assertThat(receiver.to("1005")).hasSize(1);
		}
	}

	@Test
	void theActionAndRunPagesOfferTheJsonFields() throws Exception {
		try (Receiver receiver = new Receiver()) {
			long id = workflow("JSON pages", sidTable());
			TestBrowser marie = api(MARIE, id);
			long action = jsonAction(marie, id);
			String base = "/workflows/" + id + "/actions/" + action;
			String editor = marie.get(base).body();
			assertThat(editor).contains("data-testid=\"json-help\"").doesNotContain("id=\"subject\"");
			String form = marie.get(base + "/runs").body();
			assertThat(form).contains("data-testid=\"json-run-form\"")
				.contains("name=\"targetUrl\"")
				.contains("name=\"keyColumn\"")
				.doesNotContain("name=\"emailColumn\"");
			HttpResponse<String> refused = marie.submit(base + "/runs",
					Map.of("keyColumn", "sid", "targetUrl", "gopher://x", "token", "page-secret"));
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("must start with https://").doesNotContain("page-secret");
			marie.get(base + "/runs");
			HttpResponse<String> started = marie.submit(base + "/runs",
					Map.of("keyColumn", "sid", "targetUrl", receiver.url(), "token", "page-secret", "exclude", "1004"));
			assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
			String location = started.headers().firstValue("Location").orElseThrow();
			long run = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
			JsonNode done = awaitRun(marie, "/api" + base + "/runs/" + run, "DONE");
			assertThat(done.get("sent").asInt()).isEqualTo(3);
			assertThat(done.get("excluded").asInt()).isEqualTo(1);
			assertThat(receiver.received).hasSize(3)
				.allSatisfy((r) -> assertThat(r.authorization()).isEqualTo("Bearer page-secret"));
		}
	}

}
