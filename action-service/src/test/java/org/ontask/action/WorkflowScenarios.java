package org.ontask.action;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestInfrastructure;
import org.ontask.testsupport.TestSessions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.SessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the read-tracking, ZIP and view tests share: action-service on real PostgreSQL,
 * Redis, RabbitMQ and GreenMail, dataops played by {@link DataopsStub}, a workflow of
 * Marie's with a small table, and helpers for the API and the mail received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
abstract class WorkflowScenarios {

	static final DataopsStub DATAOPS = new DataopsStub();

	static final AtomicLong WORKFLOW_IDS = new AtomicLong(900_000 + (System.nanoTime() % 1000) * 100);

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String MARIE = "marie@example.org";

	static final String PIERRE = "pierre@example.org";

	static final String LOW_SCORE = "{\"condition\":\"AND\",\"not\":false,\"rules\":[{\"id\":\"Score\","
			+ "\"field\":\"Score\",\"type\":\"double\",\"input\":\"number\",\"operator\":\"less\",\"value\":\"50\"}]}";

	static final String ONLINE = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"Days online\","
			+ "\"field\":\"Days online\",\"type\":\"integer\",\"operator\":\"greater_or_equal\",\"value\":\"1\"}]}";

	@LocalServerPort
	int port;

	@Autowired
	SessionRepository<?> sessions;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	MessagingNames names;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void dataops(DynamicPropertyRegistry registry) {
		registry.add("ontask.services.dataops-service", DATAOPS::url);
		registry.add("action.tracking.public-url", () -> "https://ontask.example.edu/");
	}

	TestBrowser signedIn(String email) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, email, "INSTRUCTOR"));
	}

	/** A browser with the CSRF token of the actions page, for JSON calls. */
	TestBrowser api(String email, long workflowId) {
		TestBrowser browser = signedIn(email);
		browser.get("/workflows/" + workflowId + "/actions");
		return browser;
	}

	/** A workflow of Marie's with the tutorial-like table in dataops. */
	long workflow(String name) {
		long id = WORKFLOW_IDS.incrementAndGet();
		Message message = MessageBuilder
			.withBody(("{\"workflowId\":" + id + ",\"name\":" + JSON.writeValueAsString(name) + ",\"ownerEmail\":\""
					+ MARIE + "\",\"createdAt\":\"2026-11-23T10:15:30Z\"}")
				.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("workflow.events"), "workflow.created", message);
		DATAOPS.put(id, table());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(signedIn(MARIE).get("/workflows/" + id + "/actions").statusCode()).isEqualTo(200));
		return id;
	}

	static DataopsStub.Table table() {
		List<DataopsStub.Column> columns = new ArrayList<>(
				List.of(new DataopsStub.Column("Given name", "string", false, List.of()),
						new DataopsStub.Column("Email", "string", true, List.of()),
						new DataopsStub.Column("Score", "double", false, List.of()),
						new DataopsStub.Column("Days online", "integer", false, List.of()),
						new DataopsStub.Column("Note", "string", false, List.of()),
						new DataopsStub.Column("Passed exam", "boolean", false, List.of()),
						new DataopsStub.Column("Effort", "string", false, List.of("low", "high"))));
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.add(row(1, "Ana", "ana@example.org", 72.5, 3, "<script>alert(1)</script>", true));
		rows.add(row(2, "Ben", "ben@example.org", 40.0, 12, "B & co", false));
		rows.add(row(3, "Cleo", "cleo@example.org", null, 1, null, null));
		rows.add(row(4, "Dan", "dan@example.org", 90.0, 20, "ok", true));
		return new DataopsStub.Table(columns, rows);
	}

	static Map<String, Object> row(long id, String name, String email, Double score, long days, String note,
			Boolean passed) {
		Map<String, Object> row = new HashMap<>();
		row.put("__id", id);
		row.put("Given name", name);
		row.put("Email", email);
		row.put("Score", score);
		row.put("Days online", days);
		row.put("Note", note);
		row.put("Passed exam", passed);
		row.put("Effort", (score == null) ? null : ((score < 50) ? "low" : "high"));
		return row;
	}

	/** A message with a filter (every learner online) and one condition. */
	static String message(String name) {
		return "{\"name\":" + JSON.writeValueAsString(name) + ",\"type\":\"personalized_text\","
				+ "\"subject\":\"Hello {{ Given name }}\","
				+ "\"text\":\"<p>Dear {{ Given name }},</p>{% if Low score %}<p>Let us talk.</p>{% else %}"
				+ "<p>Well done.</p>{% endif %}<p>{{ Note }}</p>\",\"filter\":" + ONLINE
				+ ",\"conditions\":[{\"name\":\"Low score\",\"formula\":" + LOW_SCORE + "}]}";
	}

	long createAction(TestBrowser browser, long workflowId, String body) {
		HttpResponse<String> created = browser.postJson("/api/workflows/" + workflowId + "/actions", body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asLong();
	}

	JsonNode getJson(TestBrowser browser, String path) {
		HttpResponse<String> response = browser.getJson(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	JsonNode awaitRun(TestBrowser browser, String runPath, String status) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> JSON.readTree(browser.getJson(runPath).body()).get("status").asString().equals(status));
		return getJson(browser, runPath);
	}

	/** The distinct messages (by Message-ID) addressed to someone with a subject. */
	static List<MimeMessage> mailTo(String recipient, String subject) throws MessagingException {
		Map<String, MimeMessage> found = new LinkedHashMap<>();
		for (MimeMessage message : TestInfrastructure.get().smtp().getReceivedMessages()) {
			if (message.getSubject().equals(subject)
					&& Arrays.stream(message.getAllRecipients()).anyMatch((a) -> a.toString().equals(recipient))) {
				found.putIfAbsent(message.getMessageID(), message);
			}
		}
		return new ArrayList<>(found.values());
	}

	static String part(Part message, String type) throws Exception {
		if (message.isMimeType(type)) {
			return message.getContent().toString();
		}
		if (message.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
