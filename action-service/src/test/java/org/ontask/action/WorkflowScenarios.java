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
import org.junit.jupiter.api.AfterAll;
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
 * What action-service's page, tracking, ZIP and run test classes share: action-service on
 * real PostgreSQL, Redis, RabbitMQ and GreenMail, dataops played by {@link DataopsStub}
 * over real HTTP, workflows of Marie's with one of two small tables, and helpers for the
 * API, the broker, the outbox and the mail received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
abstract class WorkflowScenarios {

	static final DataopsStub DATAOPS = new DataopsStub();

	/** Workflow, schedule and execution ids, clear of the other test classes' ids. */
	static final AtomicLong IDS = new AtomicLong(5_000_000L + (System.nanoTime() % 1000) * 1000);

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
		registry.add("action.smtp-backoff", () -> "100ms");
	}

	@AfterAll
	static void stopDataops() {
		DATAOPS.down = false;
	}

	void publish(String exchange, String key, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange(exchange), key, message);
	}

	/** A command on a command queue, as its producer sends it. */
	void command(String queue, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send("", this.names.exchange(queue), message);
	}

	/** The outbox entries of an event type containing a fragment, once handed over. */
	List<String> outbox(String type, String fragment) {
		return this.jdbc
			.sql("SELECT serialized_event FROM event_publication WHERE event_type LIKE ? AND serialized_event LIKE ? "
					+ "AND completion_date IS NOT NULL")
			.params("%." + type, "%" + fragment + "%")
			.query(String.class)
			.list();
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

	/**
	 * A workflow of Marie's with a table in dataops ({@link #tutorialTable()} or
	 * {@link #sidTable()}).
	 */
	long workflow(String name, DataopsStub.Table table) {
		long id = IDS.incrementAndGet();
		publish("workflow.events", "workflow.created",
				"{\"workflowId\":" + id + ",\"name\":" + JSON.writeValueAsString(name) + ",\"ownerEmail\":\"" + MARIE
						+ "\",\"createdAt\":\"2026-11-23T10:15:30Z\"}");
		DATAOPS.put(id, table);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(signedIn(MARIE).get("/workflows/" + id + "/actions").statusCode()).isEqualTo(200));
		return id;
	}

	/**
	 * Like the tutorial's: email as key, a score, days online, a note with markup, a
	 * boolean and a categorical column.
	 */
	static DataopsStub.Table tutorialTable() {
		List<DataopsStub.Column> columns = new ArrayList<>(
				List.of(new DataopsStub.Column("Given name", "string", false, List.of()),
						new DataopsStub.Column("Email", "string", true, List.of()),
						new DataopsStub.Column("Score", "double", false, List.of()),
						new DataopsStub.Column("Days online", "integer", false, List.of()),
						new DataopsStub.Column("Note", "string", false, List.of()),
						new DataopsStub.Column("Passed exam", "boolean", false, List.of()),
						new DataopsStub.Column("Effort", "string", false, List.of("low", "high"))));
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.add(tutorialRow(1, "Ana", "ana@example.org", 72.5, 3, "<script>alert(1)</script>", true));
		rows.add(tutorialRow(2, "Ben", "ben@example.org", 40.0, 12, "B & co", false));
		rows.add(tutorialRow(3, "Cleo", "cleo@example.org", null, 1, null, null));
		rows.add(tutorialRow(4, "Dan", "dan@example.org", 90.0, 20, "ok", true));
		return new DataopsStub.Table(columns, rows);
	}

	static Map<String, Object> tutorialRow(long id, String name, String email, Double score, long days, String note,
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

	/**
	 * Keyed by an integer {@code sid} as well as by email, with names that need escaping
	 * in HTML and in JSON: the run and delivery tests' table.
	 */
	static DataopsStub.Table sidTable() {
		List<DataopsStub.Column> columns = new ArrayList<>(
				List.of(new DataopsStub.Column("sid", "integer", true, List.of()),
						new DataopsStub.Column("Given name", "string", false, List.of()),
						new DataopsStub.Column("Email", "string", true, List.of()),
						new DataopsStub.Column("Score", "double", false, List.of()),
						new DataopsStub.Column("Passed", "boolean", false, List.of())));
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.add(sidRow(1, "Ana \"the 1st\"", "ana@example.org", 72.5, true));
		rows.add(sidRow(2, "Ben\\<b>", "ben@example.org", 40.0, false));
		rows.add(sidRow(3, "Cleo", "cleo@example.org", null, null));
		rows.add(sidRow(4, "Dan", "dan@example.org", 90.0, true));
		return new DataopsStub.Table(columns, rows);
	}

	static Map<String, Object> sidRow(long id, String name, String email, Double score, Boolean passed) {
		Map<String, Object> row = new HashMap<>();
		row.put("__id", id);
		row.put("sid", 1000 + id);
		row.put("Given name", name);
		row.put("Email", email);
		row.put("Score", score);
		row.put("Passed", passed);
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

	/** The first body part of a type that is not an attachment. */
	static String part(Part message, String type) throws Exception {
		if (message.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(message.getDisposition())) {
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
