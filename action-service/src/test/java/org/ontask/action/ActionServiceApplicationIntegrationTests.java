package org.ontask.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TcpProxy;
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
 * action-service on real PostgreSQL, Redis and RabbitMQ, with dataops-service's internal
 * API played by {@link DataopsStub} over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class ActionServiceApplicationIntegrationTests {

	private static final DataopsStub DATAOPS = new DataopsStub();

	private static final AtomicLong WORKFLOW_IDS = new AtomicLong(4300 + (System.nanoTime() % 1000) * 100);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String MARIE = "marie@example.org";

	private static final String PIERRE = "pierre@example.org";

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MessagingNames names;

	@Autowired
	private JdbcClient jdbc;

	/** Between action-service and the test's SMTP server, so a test can cut it. */
	private static final TcpProxy SMTP = new TcpProxy("127.0.0.1", TestInfrastructure.get().smtp().getSmtp().getPort());

	@DynamicPropertySource
	static void dataops(DynamicPropertyRegistry registry) {
		registry.add("ontask.services.dataops-service", DATAOPS::url);
		registry.add("spring.mail.port", SMTP::port);
		registry.add("action.smtp-backoff", () -> "100ms");
	}

	@AfterAll
	static void stopDataops() {
		DATAOPS.down = false;
		SMTP.restore();
	}

	/** Publishes exactly what workflow-service publishes. */
	private void publish(String key, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("workflow.events"), key, message);
	}

	/**
	 * The one outbox entry of an event type containing a fragment, once it has been
	 * handed to RabbitMQ.
	 */
	private String outbox(String type, String fragment) {
		List<String> events = this.jdbc
			.sql("SELECT serialized_event FROM event_publication WHERE event_type LIKE ? AND serialized_event LIKE ? "
					+ "AND completion_date IS NOT NULL")
			.params("%." + type, "%" + fragment + "%")
			.query(String.class)
			.list();
		assertThat(events).as(type + " " + fragment).hasSize(1);
		return events.get(0);
	}

	/** Publishes exactly what dataops-service publishes. */
	private void publishDataops(String key, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("dataops.events"), key, message);
	}

	private TestBrowser signedIn(String email) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, email, "INSTRUCTOR"));
	}

	/** A workflow of Marie's with the tutorial-like table in dataops. */
	private long workflow(String name) {
		long id = WORKFLOW_IDS.incrementAndGet();
		publish("workflow.created", "{\"workflowId\":" + id + ",\"name\":" + JSON.writeValueAsString(name)
				+ ",\"ownerEmail\":\"" + MARIE + "\",\"createdAt\":\"2026-11-23T10:15:30Z\"}");
		DATAOPS.put(id, table());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(signedIn(MARIE).get("/workflows/" + id + "/actions").statusCode()).isEqualTo(200));
		return id;
	}

	private static DataopsStub.Table table() {
		List<DataopsStub.Column> columns = List.of(new DataopsStub.Column("Given name", "string", false, List.of()),
				new DataopsStub.Column("Email", "string", true, List.of()),
				new DataopsStub.Column("Score", "double", false, List.of()),
				new DataopsStub.Column("Days online", "integer", false, List.of()),
				new DataopsStub.Column("Note", "string", false, List.of()),
				new DataopsStub.Column("Passed exam", "boolean", false, List.of()),
				new DataopsStub.Column("Effort", "string", false, List.of("low", "high")));
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.add(row(1, "Ana", "ana@example.org", 72.5, 3, "<script>alert(1)</script>", true));
		rows.add(row(2, "Ben", "ben@example.org", 40.0, 12, "B & co", false));
		rows.add(row(3, "Cleo", "cleo@example.org", null, 1, null, null));
		rows.add(row(4, "Dan", "dan@example.org", 90.0, 20, "ok", true));
		return new DataopsStub.Table(columns, rows);
	}

	private static Map<String, Object> row(long id, String name, String email, Double score, long days, String note,
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

	private static final String LOW_SCORE = "{\"condition\":\"AND\",\"not\":false,\"rules\":[{\"id\":\"Score\","
			+ "\"field\":\"Score\",\"type\":\"double\",\"input\":\"number\",\"operator\":\"less\",\"value\":\"50\"}]}";

	private static final String ONLINE = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"Days online\","
			+ "\"field\":\"Days online\",\"type\":\"integer\",\"operator\":\"greater_or_equal\",\"value\":\"1\"}]}";

	/** A browser with the CSRF token of the actions page, for JSON calls. */
	private TestBrowser api(String email, long workflowId) {
		TestBrowser browser = signedIn(email);
		browser.get("/workflows/" + workflowId + "/actions");
		return browser;
	}

	private long createAction(TestBrowser browser, long workflowId, String body) {
		HttpResponse<String> created = browser.postJson("/api/workflows/" + workflowId + "/actions", body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asLong();
	}

	private String message() {
		return "{\"name\":\"Week 3 feedback\",\"type\":\"personalized_text\",\"subject\":\"Hello {{ Given name }}\","
				+ "\"text\":\"<p>Dear {{ Given name }},</p>{% if Low score %}<p>Let us talk.</p>{% else %}"
				+ "<p>Well done.</p>{% endif %}<p>{{ Note }}</p>\",\"filter\":" + ONLINE
				+ ",\"conditions\":[{\"name\":\"Low score\",\"formula\":" + LOW_SCORE + "}]}";
	}

	private JsonNode getJson(TestBrowser browser, String path) {
		HttpResponse<String> response = browser.getJson(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	@Test
	void aCreatedWorkflowsActionsAreOpenToItsOwnerOnly() {
		long id = workflow("Physics <1>");
		String page = signedIn(MARIE).get("/workflows/" + id + "/actions").body();
		assertThat(page).contains("Physics &lt;1&gt;").contains("no actions yet");
		assertThat(signedIn(PIERRE).get("/workflows/" + id + "/actions").statusCode()).isEqualTo(404);
		assertThat(signedIn(MARIE).get("/workflows/999999999/actions").statusCode()).isEqualTo(404);
	}

	@Test
	void theApiCreatesListsClonesAndDeletesActions() {
		long id = workflow("API");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		JsonNode got = getJson(marie, "/api/workflows/" + id + "/actions/" + action);
		assertThat(got.get("name").asString()).isEqualTo("Week 3 feedback");
		assertThat(got.get("type").asString()).isEqualTo("personalized_text");
		assertThat(got.get("filter").get("rules").get(0).get("field").asString()).isEqualTo("Days online");
		assertThat(got.get("conditions").get(0).get("name").asString()).isEqualTo("Low score");
		assertThat(got.get("conditions").get(0).get("text").asString()).contains("Score");
		assertThat(DATAOPS.lastActingUser).isEqualTo(MARIE);

		JsonNode counts = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/counts");
		assertThat(counts.get("total").asLong()).isEqualTo(4);
		assertThat(counts.get("counts").get("Low score").asLong()).isEqualTo(1);

		HttpResponse<String> clone = marie.postJson("/api/workflows/" + id + "/actions/" + action + "/clone", "{}");
		assertThat(clone.statusCode()).isEqualTo(201);
		long cloneId = JSON.readTree(clone.body()).get("id").asLong();
		JsonNode copy = getJson(marie, "/api/workflows/" + id + "/actions/" + cloneId);
		assertThat(copy.get("name").asString()).isEqualTo("Copy of Week 3 feedback");
		assertThat(copy.get("conditions")).hasSize(1);
		assertThat(copy.get("text").asString()).isEqualTo(got.get("text").asString());

		HttpResponse<String> duplicate = marie.postJson("/api/workflows/" + id + "/actions",
				"{\"name\":\"Week 3 feedback\",\"type\":\"personalized_text\"}");
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("already an action called");

		assertThat(getJson(marie, "/api/workflows/" + id + "/actions")).hasSize(2);
		String page = marie.get("/workflows/" + id + "/actions").body();
		assertThat(page).contains("Personalised text").contains("Copy of Week 3 feedback");

		assertThat(send(marie, "DELETE", "/api/workflows/" + id + "/actions/" + cloneId, null).statusCode())
			.isEqualTo(204);
		assertThat(marie.getJson("/api/workflows/" + id + "/actions/" + cloneId).statusCode()).isEqualTo(404);
	}

	@Test
	void anotherUsersWorkflowOrActionIsNotFound() {
		long id = workflow("Mine");
		long other = workflow("Also mine");
		long action = createAction(api(MARIE, id), id, "{\"name\":\"A\",\"type\":\"personalized_text\"}");
		TestBrowser pierre = signedIn(PIERRE);
		assertThat(pierre.getJson("/api/workflows/" + id + "/actions/" + action).statusCode()).isEqualTo(404);
		assertThat(pierre.get("/workflows/" + id + "/actions/" + action).statusCode()).isEqualTo(404);
		assertThat(pierre.get("/workflows/" + id + "/actions/" + action + "/preview").statusCode()).isEqualTo(404);
		// an action of one workflow addressed through another
		assertThat(signedIn(MARIE).getJson("/api/workflows/" + other + "/actions/" + action).statusCode())
			.isEqualTo(404);
		// shared: now Pierre may open it
		publish("workflow.shared", "{\"workflowId\":" + id + ",\"userEmail\":\"" + PIERRE + "\",\"actorEmail\":\""
				+ MARIE + "\",\"at\":\"2026-11-23T10:15:30Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					signedIn(PIERRE).getJson("/api/workflows/" + id + "/actions/" + action).statusCode())
				.isEqualTo(200));
	}

	@Test
	void templatesThatReachForJavaFilesOrUnknownNamesAreRefusedWithTheirPosition() {
		long id = workflow("Attacks");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		String path = "/api/workflows/" + id + "/actions/" + action;
		String before = getJson(marie, path).get("text").asString();
		Map<String, String> attacks = Map.of("{{ ''.getClass() }}", "cannot contain quotes",
				"{% include '/etc/passwd' %}", "is not allowed", "{% for i in range(0, 999999999) %}x{% endfor %}",
				"is not allowed", "<p>\n  {{ Surname }}</p>", "line 2, column 3", "{% if Score %}x{% endif %}",
				"is not a condition", "{{ Given name", "is not closed");
		for (Map.Entry<String, String> attack : attacks.entrySet()) {
			HttpResponse<String> refused = send(marie, "PATCH", path,
					"{\"text\":" + JSON.writeValueAsString(attack.getKey()) + "}");
			assertThat(refused.statusCode()).as(attack.getKey()).isEqualTo(400);
			assertThat(JSON.readTree(refused.body()).get("detail").asString()).as(attack.getKey())
				.contains(attack.getValue());
		}
		HttpResponse<String> subject = send(marie, "PATCH", path, "{\"subject\":\"{{ Nope }}\"}");
		assertThat(subject.statusCode()).isEqualTo(400);
		assertThat(subject.body()).contains("subject");
		assertThat(getJson(marie, path).get("text").asString()).isEqualTo(before);
	}

	@Test
	void formulasThatDoNotFitTheTableAreRefusedWithAClearMessage() {
		long id = workflow("Formulas");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		String path = "/api/workflows/" + id + "/actions/" + action;
		HttpResponse<String> missing = marie.postJson(path + "/conditions",
				"{\"name\":\"Gone\",\"formula\":{\"condition\":\"AND\",\"rules\":[{\"id\":\"Midterm\",\"field\":"
						+ "\"Midterm\",\"type\":\"double\",\"operator\":\"less\",\"value\":\"5\"}]}}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("Midterm").contains("does not exist");
		HttpResponse<String> wrongOperator = send(marie, "PATCH", path,
				"{\"filter\":{\"condition\":\"AND\",\"rules\":[{\"id\":\"Given name\",\"field\":\"Given name\","
						+ "\"type\":\"string\",\"operator\":\"less\",\"value\":\"B\"}]}}");
		assertThat(wrongOperator.statusCode()).isEqualTo(400);
		assertThat(wrongOperator.body()).contains("Given name").contains("less");
		HttpResponse<String> clash = marie.postJson(path + "/conditions",
				"{\"name\":\"Score\",\"formula\":" + LOW_SCORE + "}");
		assertThat(clash.statusCode()).isEqualTo(400);
		assertThat(clash.body()).contains("name of a column");
		JsonNode after = getJson(marie, path);
		assertThat(after.get("conditions")).hasSize(1);
		assertThat(after.get("filter").get("rules").get(0).get("field").asString()).isEqualTo("Days online");
	}

	@Test
	void previewShowsLearnerNWithEscapedValuesAndEachConditionsTruth() {
		long id = workflow("Preview");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		String path = "/api/workflows/" + id + "/actions/" + action + "/preview";
		JsonNode ana = getJson(marie, path + "?row=1");
		assertThat(ana.get("total").asLong()).isEqualTo(4);
		assertThat(ana.get("subject").asString()).isEqualTo("Hello Ana");
		assertThat(ana.get("text").asString()).contains("Dear Ana")
			.contains("Well done.")
			.doesNotContain("Let us talk")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>");
		assertThat(ana.get("conditions").get("Low score").asBoolean()).isFalse();
		assertThat(ana.get("values").get("Given name").asString()).isEqualTo("Ana");
		JsonNode ben = getJson(marie, path + "?row=2");
		assertThat(ben.get("text").asString()).contains("Let us talk.").contains("B &amp; co");
		assertThat(ben.get("conditions").get("Low score").asBoolean()).isTrue();
		assertThat(getJson(marie, path + "?row=5").get("row").asInt()).isEqualTo(1);
		assertThat(getJson(marie, path + "?row=0").get("row").asInt()).isEqualTo(4);

		String page = marie.get("/workflows/" + id + "/actions/" + action + "/preview?row=2").body();
		assertThat(page).contains("sandbox").contains("Let us talk").doesNotContain("<p>Let us talk");
		HttpResponse<String> next = marie
			.get("/workflows/" + id + "/actions/" + action + "/preview/next-all-false?row=2");
		assertThat(next.statusCode()).isEqualTo(302);
		assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/preview?row=3");
	}

	@Test
	void aRubricGivesEachLearnerTheFeedbackOfTheirLevel() {
		long id = workflow("Rubric");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, "{\"name\":\"Rubric\",\"type\":\"rubric_text\","
				+ "\"text\":\"<p>{{ Given name }}</p>{% ot_insert_rubric_feedback %}\"}");
		String rubric = "/api/workflows/" + id + "/actions/" + action + "/rubric";
		HttpResponse<String> wrongLevel = send(marie, "PUT", rubric,
				"[{\"criterion\":\"Effort\",\"level\":2,\"feedback\":\"x\"}]");
		assertThat(wrongLevel.statusCode()).isEqualTo(400);
		assertThat(wrongLevel.body()).contains("no level 2");
		HttpResponse<String> saved = send(marie, "PUT", rubric,
				"[{\"criterion\":\"Effort\",\"level\":0,\"feedback\":\"Try <harder>.\"},"
						+ "{\"criterion\":\"Effort\",\"level\":1,\"feedback\":\"Keep it up.\"}]");
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		String preview = "/api/workflows/" + id + "/actions/" + action + "/preview?row=";
		assertThat(getJson(marie, preview + "1").get("text").asString()).contains("Ana")
			.contains("<strong>Effort</strong>: Keep it up.");
		assertThat(getJson(marie, preview + "2").get("text").asString()).contains("Try &lt;harder&gt;.");
		// no value, no feedback
		assertThat(getJson(marie, preview + "3").get("text").asString()).doesNotContain("Effort");
	}

	@Test
	void conditionsAreClonedCopiedFromAnotherActionAndRenamedInTheText() {
		long id = workflow("Conditions");
		TestBrowser marie = api(MARIE, id);
		long first = createAction(marie, id, message());
		long second = createAction(marie, id, "{\"name\":\"Second\",\"type\":\"personalized_text\"}");
		String firstPath = "/api/workflows/" + id + "/actions/" + first;
		long condition = getJson(marie, firstPath).get("conditions").get(0).get("id").asLong();
		HttpResponse<String> cloned = marie.postJson(firstPath + "/conditions/" + condition + "/clone", "{}");
		assertThat(cloned.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(cloned.body()).get("name").asString()).isEqualTo("Copy of Low score");

		marie.get("/workflows/" + id + "/actions/" + second);
		HttpResponse<String> copied = marie.submit("/workflows/" + id + "/actions/" + second + "/conditions/copy",
				Map.of("from", first + ":" + condition));
		assertThat(copied.statusCode()).isEqualTo(302);
		JsonNode secondAction = getJson(marie, "/api/workflows/" + id + "/actions/" + second);
		assertThat(secondAction.get("conditions").get(0).get("name").asString()).isEqualTo("Low score");

		HttpResponse<String> renamed = send(marie, "PATCH", firstPath + "/conditions/" + condition,
				"{\"name\":\"Struggling\"}");
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
		assertThat(getJson(marie, firstPath).get("text").asString()).contains("{% if Struggling %}")
			.doesNotContain("Low score");
		HttpResponse<String> used = send(marie, "DELETE", firstPath + "/conditions/" + condition, null);
		assertThat(used.statusCode()).isEqualTo(400);
		assertThat(used.body()).contains("is used in the message");
	}

	@Test
	void nobodySelectedIsSaidClearly() {
		long id = workflow("Nobody");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id,
				"{\"name\":\"Empty\",\"type\":\"personalized_text\",\"text\":\"x\",\"filter\":{\"condition\":\"AND\","
						+ "\"rules\":[{\"id\":\"Days online\",\"field\":\"Days online\",\"type\":\"integer\","
						+ "\"operator\":\"greater\",\"value\":\"1000\"}]}}");
		JsonNode preview = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/preview");
		assertThat(preview.get("total").asLong()).isZero();
		assertThat(preview.get("error").asString()).contains("Nobody is selected");
	}

	@Test
	void pagesCreateAndEditActionsWithCsrfAndEscapeNames() {
		long id = workflow("Pages");
		TestBrowser marie = signedIn(MARIE);
		marie.get("/workflows/" + id + "/actions");
		HttpResponse<String> created = marie.submit("/workflows/" + id + "/actions",
				Map.of("name", "<b>Bold</b> & co", "type", "personalized_text", "description", "d"));
		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).contains("/workflows/" + id + "/actions/");
		String edit = marie.get(location.replaceFirst("^https?://[^/]+", "")).body();
		assertThat(edit).contains("&lt;b&gt;Bold&lt;/b&gt; &amp; co").doesNotContain("<b>Bold</b>");
		assertThat(edit).contains("data-columns=").contains("Given name");
		// scripts under a path the gateway routes to action-service
		assertThat(edit).contains("/workflows/assets/actions/editor.js");
		assertThat(marie.get("/workflows/assets/actions/editor.js").statusCode()).isEqualTo(200);
		assertThat(marie.get("/workflows/assets/actions/querybuilder.js").body()).contains("ontask-qb");
		String actionPath = location.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");

		HttpResponse<String> refused = marie.submit(actionPath + "/text",
				Map.of("subject", "Hi", "text", "<p>{{ Surname }} typed text</p>"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("&quot;Surname&quot; is not a column").contains("typed text");

		HttpResponse<String> saved = marie.submit(actionPath + "/text",
				Map.of("subject", "Hi {{ Given name }}", "text", "<p>{{ Given name }}</p>"));
		assertThat(saved.statusCode()).isEqualTo(302);
		HttpResponse<String> condition = marie.submit(actionPath + "/conditions",
				Map.of("name", "Low <score>", "description", "", "formula", LOW_SCORE));
		assertThat(condition.statusCode()).isEqualTo(302);
		String after = marie.get(actionPath).body();
		assertThat(after).contains("Low &lt;score&gt;").contains("holds for");

		// another site's form carries no CSRF token
		HttpResponse<String> forged = marie.postRaw(actionPath + "/delete", "application/x-www-form-urlencoded", "");
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(marie.get(actionPath).statusCode()).isEqualTo(200);
		HttpResponse<String> forgedJson = signedIn(MARIE).postJson("/api/workflows/" + id + "/actions",
				"{\"name\":\"x\",\"type\":\"personalized_text\"}");
		assertThat(forgedJson.statusCode()).isEqualTo(403);
	}

	@Test
	void dataopsDownIsAClear503() {
		long id = workflow("Down");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, "{\"name\":\"A\",\"type\":\"personalized_text\"}");
		DATAOPS.down = true;
		try {
			HttpResponse<String> page = marie.get("/workflows/" + id + "/actions/" + action);
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("not available");
			HttpResponse<String> api = marie.getJson("/api/workflows/" + id + "/actions/" + action + "/counts");
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
			// what needs no table still works
			assertThat(marie.getJson("/api/workflows/" + id + "/actions").statusCode()).isEqualTo(200);
		}
		finally {
			DATAOPS.down = false;
		}
	}

	@Test
	void attributesFromWorkflowServiceCanBePrinted() {
		long id = workflow("Attributes");
		TestBrowser marie = api(MARIE, id);
		publish("workflow.attribute-set", "{\"workflowId\":" + id + ",\"name\":\"Course\",\"value\":\"Physics & Co\","
				+ "\"actorEmail\":\"" + MARIE + "\",\"at\":\"2026-11-23T10:15:30Z\"}");
		String body = "{\"name\":\"With attribute\",\"type\":\"personalized_text\",\"text\":\"{{ Course }}: "
				+ "{{ Given name }}\"}";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> marie.postJson("/api/workflows/" + id + "/actions", body).statusCode() == 201);
		long action = getJson(marie, "/api/workflows/" + id + "/actions").get(0).get("id").asLong();
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/preview").get("text").asString())
			.isEqualTo("Physics &amp; Co: Ana");
	}

	@Test
	void workflowClonesFlushesAndDeletionsReachTheActions() {
		long id = workflow("Lifecycle");
		TestBrowser marie = api(MARIE, id);
		createAction(marie, id, message());
		long clone = WORKFLOW_IDS.incrementAndGet();
		DATAOPS.put(clone, table());
		publish("workflow.clone-requested", "{\"sourceWorkflowId\":" + id + ",\"cloneWorkflowId\":" + clone
				+ ",\"name\":\"Lifecycle copy\",\"ownerEmail\":\"" + MARIE + "\",\"at\":\"2026-11-23T10:15:30Z\"}");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			HttpResponse<String> list = signedIn(MARIE).getJson("/api/workflows/" + clone + "/actions");
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(list.body())).hasSize(1);
		});
		JsonNode copied = getJson(marie, "/api/workflows/" + clone + "/actions").get(0);
		assertThat(copied.get("conditions")).hasSize(1);

		publish("workflow.flushed",
				"{\"workflowId\":" + clone + ",\"actorEmail\":\"" + MARIE + "\",\"at\":\"2026-11-23T10:15:30Z\"}");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode flushed = JSON.readTree(signedIn(MARIE).getJson("/api/workflows/" + clone + "/actions").body())
				.get(0);
			assertThat(flushed.get("conditions")).isEmpty();
			assertThat(flushed.get("filterText").asString()).isEmpty();
		});
		// the source keeps its own
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions").get(0).get("conditions")).hasSize(1);

		publish("workflow.deleted",
				"{\"workflowId\":" + id + ",\"actorEmail\":\"" + MARIE + "\",\"at\":\"2026-11-23T10:15:30Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(signedIn(MARIE).getJson("/api/workflows/" + id + "/actions").statusCode())
				.isEqualTo(404));
	}

	private JsonNode awaitRun(TestBrowser browser, String runPath, String status) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> JSON.readTree(browser.getJson(runPath).body()).get("status").asString().equals(status));
		return getJson(browser, runPath);
	}

	/**
	 * The distinct messages (by Message-ID) addressed to someone with a subject;
	 * GreenMail keeps one copy per mailbox, so a message with a Bcc is stored twice.
	 */
	private static List<MimeMessage> mailTo(String recipient, String subject) throws MessagingException {
		Map<String, MimeMessage> found = new LinkedHashMap<>();
		for (MimeMessage message : copiesWithSubject(subject)) {
			if (Arrays.stream(message.getAllRecipients()).anyMatch((a) -> a.toString().equals(recipient))) {
				found.putIfAbsent(message.getMessageID(), message);
			}
		}
		return new ArrayList<>(found.values());
	}

	private static String part(Part message, String type) throws Exception {
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

	private static List<MimeMessage> copiesWithSubject(String subject) throws MessagingException {
		List<MimeMessage> copies = new ArrayList<>();
		for (MimeMessage message : TestInfrastructure.get().smtp().getReceivedMessages()) {
			if (message.getSubject().equals(subject)) {
				copies.add(message);
			}
		}
		return copies;
	}

	@Test
	void aRunEmailsEveryLearnerTheirOwnMessageOnce() throws Exception {
		long id = workflow("Run");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		String subject = "Week 3 of run " + id + " for {{ Given name }}";
		HttpResponse<String> started = marie.postJson("/api/workflows/" + id + "/actions/" + action + "/runs",
				"{\"emailColumn\":\"Email\",\"subject\":" + JSON.writeValueAsString(subject)
						+ ",\"cc\":\"\",\"bcc\":\"head@example.org\",\"trackRead\":false,\"sendSummary\":true,"
						+ "\"exclude\":[\"dan@example.org\"]}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long run = JSON.readTree(started.body()).get("id").asLong();
		JsonNode done = awaitRun(marie, "/api/workflows/" + id + "/actions/" + action + "/runs/" + run, "DONE");
		assertThat(done.get("total").asInt()).isEqualTo(4);
		assertThat(done.get("sent").asInt()).isEqualTo(3);
		assertThat(done.get("failed").asInt()).isZero();
		assertThat(done.get("excluded").asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(outbox("ActionRunStarted", "\"runId\":" + run + ",")).contains("\"total\":4"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox("ActionRunCompleted", "\"runId\":" + run + ","))
				.contains("\"sent\":3,\"failed\":0,\"excluded\":1,\"status\":\"DONE\""));

		List<MimeMessage> toBen = mailTo("ben@example.org", "Week 3 of run " + id + " for Ben");
		assertThat(toBen).hasSize(1);
		String ben = GreenMailUtil.getWholeMessage(toBen.get(0));
		assertThat(ben).contains("Let us talk.").doesNotContain("Well done.").contains("B &amp; co");
		List<MimeMessage> toAna = mailTo("ana@example.org", "Week 3 of run " + id + " for Ana");
		assertThat(toAna).hasSize(1);
		// escaped in the HTML part, as written in the plain-text part
		assertThat(part(toAna.get(0), "text/html")).contains("Well done.")
			.contains("&lt;script&gt;")
			.doesNotContain("<script>");
		assertThat(part(toAna.get(0), "text/plain")).contains("Well done.").contains("<script>alert(1)</script>");
		assertThat(mailTo("dan@example.org", "Week 3 of run " + id + " for Dan")).isEmpty();
		// Cleo's message and its blind copy to the head of school
		assertThat(copiesWithSubject("Week 3 of run " + id + " for Cleo")).hasSize(2);

		// the same command again (a redelivery) sends nobody anything twice
		this.rabbit.convertAndSend("", this.names.exchange("action-service.runs"), Map.of("runId", run));
		this.jdbc.sql("UPDATE action_run SET status = 'QUEUED' WHERE id = ?").param(run).update();
		this.rabbit.convertAndSend("", this.names.exchange("action-service.runs"), Map.of("runId", run));
		awaitRun(marie, "/api/workflows/" + id + "/actions/" + action + "/runs/" + run, "DONE");
		assertThat(mailTo("ben@example.org", "Week 3 of run " + id + " for Ben")).hasSize(1);

		String page = marie.get("/workflows/" + id + "/actions/" + action + "/runs/" + run).body();
		assertThat(page).contains("progress-bar").contains("DONE");
	}

	@Test
	void aRunPausesWhileTheMailServerIsDownAndResumesWithNothingLostOrDoubled() throws Exception {
		long id = workflow("SMTP down");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
		String subject = "Outage " + id;
		SMTP.cut();
		long run;
		try {
			HttpResponse<String> started = marie.postJson(runs,
					"{\"emailColumn\":\"Email\",\"subject\":\"" + subject + "\"}");
			assertThat(started.statusCode()).isEqualTo(202);
			run = JSON.readTree(started.body()).get("id").asLong();
			JsonNode paused = awaitRun(marie, runs + "/" + run, "PAUSED");
			assertThat(paused.get("message").asString()).contains("cannot be reached");
			assertThat(paused.get("sent").asInt()).isZero();
			assertThat(copiesWithSubject(subject)).isEmpty();
		}
		finally {
			SMTP.restore();
		}
		HttpResponse<String> resumed = send(marie, "POST", runs + "/" + run + "/resume", null);
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		JsonNode done = awaitRun(marie, runs + "/" + run, "DONE");
		assertThat(done.get("sent").asInt()).isEqualTo(4);
		for (String learner : List.of("ana", "ben", "cleo", "dan")) {
			assertThat(mailTo(learner + "@example.org", subject)).as(learner).hasSize(1);
		}
	}

	@Test
	void aRunReportsInvalidAddressesAndSendsTheRest() {
		long id = workflow("Bad addresses");
		DataopsStub.Table table = table();
		table.rows().get(1).put("Email", "not an address");
		DATAOPS.put(id, table);
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		HttpResponse<String> started = marie.postJson("/api/workflows/" + id + "/actions/" + action + "/runs",
				"{\"emailColumn\":\"Email\",\"subject\":\"Bad addresses " + id + "\"}");
		assertThat(started.statusCode()).isEqualTo(202);
		long run = JSON.readTree(started.body()).get("id").asLong();
		JsonNode done = awaitRun(marie, "/api/workflows/" + id + "/actions/" + action + "/runs/" + run, "DONE");
		assertThat(done.get("sent").asInt()).isEqualTo(3);
		assertThat(done.get("failed").asInt()).isEqualTo(1);
		assertThat(done.get("failures").get(0).get("error").asString()).contains("not a valid email address");
	}

	@Test
	void runsThatCannotWorkAreRefusedBeforeAnythingIsSent() {
		long id = workflow("Refused runs");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
		Map<String, String> refused = Map.of("{\"emailColumn\":\"Nope\",\"subject\":\"s\"}", "no column",
				"{\"emailColumn\":\"Email\",\"subject\":\"s\",\"cc\":\"x@\"}", "not a valid email address",
				"{\"emailColumn\":\"Email\",\"subject\":\"{{ Nope }}\"}", "is not a column");
		for (Map.Entry<String, String> body : refused.entrySet()) {
			HttpResponse<String> response = marie.postJson(runs, body.getKey());
			assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
			assertThat(response.body()).as(body.getKey()).contains(body.getValue());
		}
		long empty = createAction(marie, id,
				"{\"name\":\"Nobody\",\"type\":\"personalized_text\",\"text\":\"x\",\"filter\":{\"condition\":\"AND\","
						+ "\"rules\":[{\"id\":\"Score\",\"field\":\"Score\",\"type\":\"double\","
						+ "\"operator\":\"greater\",\"value\":\"1000\"}]}}");
		HttpResponse<String> nobody = marie.postJson("/api/workflows/" + id + "/actions/" + empty + "/runs",
				"{\"emailColumn\":\"Email\",\"subject\":\"s\"}");
		assertThat(nobody.statusCode()).isEqualTo(400);
		assertThat(nobody.body()).contains("Nobody is selected");
		assertThat(getJson(marie, runs)).isEmpty();
		assertThat(signedIn(PIERRE).postJson(runs, "{}").statusCode()).isIn(403, 404);
	}

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern WORKFLOW = Pattern.compile("/api/workflows/(\\d+)/");

	/**
	 * PATCH or DELETE as a browser's script would send it: the session cookie and the
	 * CSRF token of a page of the same session in a header.
	 */
	private HttpResponse<String> send(TestBrowser browser, String method, String path, String json) {
		Matcher workflow = WORKFLOW.matcher(path);
		assertThat(workflow.find()).isTrue();
		Matcher token = CSRF.matcher(browser.get("/workflows/" + workflow.group(1) + "/actions").body());
		assertThat(token.find()).isTrue();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Cookie", "SESSION=" + browser.cookie("SESSION").orElseThrow())
			.header("X-CSRF-TOKEN", token.group(1))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aRenamedColumnIsRenamedInTheFilterConditionsAndTexts() {
		long id = workflow("Renamed column");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message().replace("<p>{{ Note }}</p>",
				"<p>{{ Note }} {{ Score }} Score {% if Low score %}!{% endif %}</p>"));
		String path = "/api/workflows/" + id + "/actions/" + action;
		long version = getJson(marie, path).get("version").asLong();
		String renamed = "{\"workflowId\":" + id + ",\"columnId\":3,\"oldName\":\"Score\",\"newName\":\"Final mark\","
				+ "\"actorEmail\":\"" + MARIE + "\",\"at\":\"2026-11-24T10:00:00Z\"}";
		publishDataops("column.renamed", renamed);
		publishDataops("column.renamed", renamed);
		String onlineRenamed = renamed.replace("\"Score\"", "\"Days online\"").replace("Final mark", "Days active");
		publishDataops("column.renamed", onlineRenamed);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode after = getJson(marie, path);
			assertThat(after.get("text").asString())
				.contains("<p>{{ Note }} {{ Final mark }} Score {% if Low score %}!{% endif %}</p>")
				.doesNotContain("{{ Score }}");
			assertThat(after.get("conditions").get(0).get("formula").toString()).contains("\"Final mark\"")
				.doesNotContain("\"Score\"");
			assertThat(after.get("conditions").get(0).get("name").asString()).isEqualTo("Low score");
			assertThat(after.get("filter").toString()).contains("\"Days active\"").doesNotContain("Days online");
			assertThat(after.get("warnings")).isEmpty();
		});
		assertThat(getJson(marie, path).get("version").asLong()).isGreaterThan(version);
	}

	@Test
	void aDeletedColumnFlagsTheActionAndPreviewsAndRunsRefuseNamingIt() {
		long id = workflow("Deleted column");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		long untouched = createAction(marie, id, "{\"name\":\"Plain\",\"type\":\"personalized_text\",\"text\":\"Hi\"}");
		String path = "/api/workflows/" + id + "/actions/" + action;
		String deleted = "{\"workflowId\":" + id + ",\"columnId\":3,\"name\":\"Score\"," + "\"actorEmail\":\"" + MARIE
				+ "\",\"at\":\"2026-11-24T10:00:00Z\"}";
		publishDataops("column.deleted", deleted);
		publishDataops("column.deleted", deleted);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(getJson(marie, path).get("warnings")).hasSize(1));
		JsonNode flagged = getJson(marie, path);
		assertThat(flagged.get("warnings").get(0).asString()).contains("\"Score\" was deleted")
			.contains("condition \"Low score\"");
		// nothing is dropped silently
		assertThat(flagged.get("conditions").get(0).get("formula").toString()).contains("\"Score\"");
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions/" + untouched).get("warnings")).isEmpty();

		JsonNode preview = getJson(marie, path + "/preview");
		assertThat(preview.get("error").asString()).contains("\"Score\" was deleted");
		HttpResponse<String> run = marie.postJson(path + "/runs", "{\"emailColumn\":\"Email\"}");
		assertThat(run.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(run.body()).get("detail").asString()).contains("\"Score\" was deleted");
		assertThat(marie.get("/workflows/" + id + "/actions/" + action).body()).contains("column-warnings")
			.contains("The column &quot;Score&quot; was deleted");

		// fixing the condition clears the warning
		long condition = flagged.get("conditions").get(0).get("id").asLong();
		HttpResponse<String> fixed = send(marie, "PATCH", path + "/conditions/" + condition,
				"{\"formula\":" + ONLINE + "}");
		assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
		assertThat(getJson(marie, path).get("warnings")).isEmpty();
	}

	@Test
	void aTypeChangeThatBreaksAConditionFlagsIt() {
		long id = workflow("Type change");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message());
		String path = "/api/workflows/" + id + "/actions/" + action;
		publishDataops("column.type-changed",
				"{\"workflowId\":" + id + ",\"columnId\":3,\"name\":\"Score\","
						+ "\"oldType\":\"double\",\"newType\":\"boolean\",\"actorEmail\":\"" + MARIE
						+ "\",\"at\":\"2026-11-24T10:00:00Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(getJson(marie, path).get("warnings")).isNotEmpty());
		assertThat(getJson(marie, path).get("warnings").get(0).asString())
			.startsWith("The condition \"Low score\" no longer fits the column's new type")
			.contains("\"Score\"");
	}

	@Test
	void creatingRenamingCloningAndDeletingAnActionIsPublishedOnActionEvents() {
		long id = workflow("Action events");
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, "{\"name\":\"Announce\",\"type\":\"personalized_text\"}");
		String path = "/api/workflows/" + id + "/actions/" + action;
		String ids = "\"workflowId\":" + id + ",\"actionId\":" + action + ",";
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox("ActionCreated", ids)).contains("\"name\":\"Announce\"")
				.contains("\"type\":\"personalized_text\"")
				.contains("\"actorEmail\":\"" + MARIE + "\""));
		assertThat(send(marie, "PATCH", path, "{\"name\":\"Announcement\"}").statusCode()).isEqualTo(200);
		// an unchanged name is no rename
		assertThat(send(marie, "PATCH", path, "{\"name\":\"Announcement\"}").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox("ActionRenamed", ids)).contains("\"oldName\":\"Announce\"")
				.contains("\"name\":\"Announcement\""));
		long clone = JSON.readTree(marie.postJson(path + "/clone", "{}").body()).get("id").asLong();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox("ActionCreated", "\"actionId\":" + clone + ","))
				.contains("\"name\":\"Copy of Announcement\""));
		assertThat(send(marie, "DELETE", path, null).statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox("ActionDeleted", ids)).contains("\"name\":\"Announcement\""));
	}

}
