package org.ontask.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.SessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Learner pages ({@code /serve/{action}}), surveys and their questions, on real
 * PostgreSQL, Redis and RabbitMQ, with dataops played by {@link DataopsStub} over real
 * HTTP (it records every row update). Learners are signed in with the LEARNER role only,
 * as an LTI launch signs them in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class LearnerPagesIntegrationTests {

	static final DataopsStub DATAOPS = new DataopsStub();

	private static final AtomicLong WORKFLOW_IDS = new AtomicLong(7300 + (System.nanoTime() % 1000) * 100);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String MARIE = "marie@example.org";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern MAIN = Pattern.compile("<main.*</main>", Pattern.DOTALL);

	@LocalServerPort
	int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MessagingNames names;

	@DynamicPropertySource
	static void dataops(DynamicPropertyRegistry registry) {
		registry.add("ontask.services.dataops-service", DATAOPS::url);
		registry.add("ontask.web.frame-ancestors", () -> "https://lms.example.edu");
	}

	@AfterAll
	static void stop() {
		DATAOPS.down = false;
	}

	TestBrowser instructor(String email) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, email, "INSTRUCTOR"));
	}

	TestBrowser learner(String email) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, email, "LEARNER"));
	}

	/**
	 * A learner signed in by an LTI launch that landed on a page, as auth-service leaves
	 * the session.
	 */
	TestBrowser launched(String email, String landing) {
		String cookie = TestSessions.signIn(this.sessions, email, email, "LEARNER");
		land(this.sessions, new String(java.util.Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8), landing);
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION", cookie);
	}

	private static <S extends org.springframework.session.Session> void land(SessionRepository<S> sessions, String id,
			String landing) {
		S session = sessions.findById(id);
		session.setAttribute(org.ontask.platform.web.OnTaskSession.LAUNCH_LANDING, landing);
		sessions.save(session);
	}

	/** A workflow of Marie's with the given table in dataops. */
	long workflow(String name, DataopsStub.Table table) {
		long id = WORKFLOW_IDS.incrementAndGet();
		Message message = MessageBuilder
			.withBody(("{\"workflowId\":" + id + ",\"name\":\"" + name + "\",\"ownerEmail\":\"" + MARIE
					+ "\",\"createdAt\":\"2026-11-23T10:15:30Z\"}")
				.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("workflow.events"), "workflow.created", message);
		DATAOPS.put(id, table);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(instructor(MARIE).get("/workflows/" + id + "/actions").statusCode())
				.isEqualTo(200));
		return id;
	}

	static DataopsStub.Table table() {
		List<DataopsStub.Column> columns = new ArrayList<>(
				List.of(new DataopsStub.Column("email", "string", true, List.of()),
						new DataopsStub.Column("Given name", "string", false, List.of()),
						new DataopsStub.Column("Score", "double", false, List.of()),
						new DataopsStub.Column("Effort", "string", false, List.of("low", "high"), "How much effort?"),
						new DataopsStub.Column("Hours", "integer", false, List.of(), "Hours spent this week"),
						new DataopsStub.Column("Done", "boolean", false, List.of(), "Read chapter 1"),
						new DataopsStub.Column("Comment", "string", false, List.of(), "Anything else?")));
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.add(row(1, "ana@example.org", "Ana", 72.5));
		rows.add(row(2, "ben@example.org", "Ben", 40.0));
		rows.add(row(3, "cleo@example.org", "Cleo", 90.0));
		return new DataopsStub.Table(columns, rows);
	}

	private static Map<String, Object> row(long id, String email, String name, Double score) {
		Map<String, Object> row = new HashMap<>();
		row.put("__id", id);
		row.put("email", email);
		row.put("Given name", name);
		row.put("Score", score);
		row.put("Effort", null);
		row.put("Hours", null);
		row.put("Done", null);
		row.put("Comment", null);
		return row;
	}

	static final String HIGH = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"Score\",\"field\":\"Score\","
			+ "\"type\":\"double\",\"operator\":\"greater\",\"value\":\"50\"}]}";

	static final String NOT_CLEO = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"Given name\","
			+ "\"field\":\"Given name\",\"type\":\"string\",\"operator\":\"not_equal\",\"value\":\"Cleo\"}]}";

	long createAction(TestBrowser browser, long workflowId, String body) {
		browser.get("/workflows/" + workflowId + "/actions");
		HttpResponse<String> created = browser.postJson("/api/workflows/" + workflowId + "/actions", body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asLong();
	}

	/** Saves the learner page settings through the action page's form. */
	HttpResponse<String> serve(TestBrowser browser, long workflowId, long actionId, Map<String, String> fields) {
		String base = "/workflows/" + workflowId + "/actions/" + actionId;
		browser.get(base);
		return browser.submit(base + "/serve", fields);
	}

	HttpResponse<String> addQuestion(TestBrowser browser, long workflowId, long actionId, Map<String, String> fields) {
		String base = "/workflows/" + workflowId + "/actions/" + actionId;
		browser.get(base);
		return browser.submit(base + "/questions", fields);
	}

	/** The question ids of a survey by column, from the API. */
	Map<String, Long> questionIds(TestBrowser browser, long workflowId, long actionId) {
		HttpResponse<String> response = browser
			.getJson("/api/workflows/" + workflowId + "/actions/" + actionId + "/questions");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Long> ids = new LinkedHashMap<>();
		for (JsonNode question : JSON.readTree(response.body())) {
			ids.put(question.get("column").asString(), question.get("id").asLong());
		}
		return ids;
	}

	static String main(String page) {
		Matcher main = MAIN.matcher(page);
		assertThat(main.find()).isTrue();
		return main.group();
	}

	static String local(Instant instant) {
		return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString();
	}

	// ------------------------------------------------------------ personalised page

	@Test
	void aLearnerSeesTheTextOfTheirOwnRowAndNobodyElses() {
		long id = workflow("Serve", table());
		TestBrowser marie = instructor(MARIE);
		long action = createAction(marie, id,
				"{\"name\":\"Feedback\",\"type\":\"personalized_text\",\"text\":\"<p>Dear {{ Given name }},</p>"
						+ "{% if High %}<p>Well done, {{ Score }}.</p>{% else %}<p>Let us talk.</p>{% endif %}\","
						+ "\"filter\":" + NOT_CLEO + ",\"conditions\":[{\"name\":\"High\",\"formula\":" + HIGH + "}]}");
		TestBrowser ana = learner("ana@example.org");

		// off: nothing for anyone
		String off = ana.get("/serve/" + action).body();
		assertThat(main(off)).contains("Nothing for you here").doesNotContain("Ana");

		assertThat(serve(marie, id, action, Map.of("enabled", "true")).statusCode()).isEqualTo(302);
		HttpResponse<String> page = ana.get("/serve/" + action + "?email=ben@example.org&rowId=2");
		assertThat(page.statusCode()).isEqualTo(200);
		String text = HtmlUtils.htmlUnescape(page.body());
		assertThat(main(text)).contains("<p>Dear Ana,</p>").contains("Well done, 72.5.").doesNotContain("Ben");
		// the dataops reads act for the workflow's owner, never for the learner
		assertThat(DATAOPS.lastActingUser).isEqualTo(MARIE);

		String ben = HtmlUtils.htmlUnescape(learner("ben@example.org").get("/serve/" + action).body());
		assertThat(main(ben)).contains("Dear Ben,").contains("Let us talk.").doesNotContain("Ana");

		// outside the filter, without a row, unknown action: the same page, 200, no data
		HttpResponse<String> cleo = learner("cleo@example.org").get("/serve/" + action);
		HttpResponse<String> zoe = learner("zoe@example.org").get("/serve/" + action);
		HttpResponse<String> none = learner("zoe@example.org").get("/serve/999999999");
		assertThat(List.of(cleo, zoe, none)).allSatisfy((r) -> assertThat(r.statusCode()).isEqualTo(200));
		assertThat(main(cleo.body())).isEqualTo(main(zoe.body())).isEqualTo(main(none.body())).isEqualTo(main(off));
		// names and numbers are looked for in the page's main part: the CSRF token in its
		// navigation bar is random text that may hold any of them
		assertThat(main(cleo.body())).doesNotContain("Cleo").doesNotContain("90");

		// nobody signed in: to the login page
		HttpResponse<String> anonymous = new TestBrowser("http://localhost:" + this.port).get("/serve/" + action);
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElse("")).contains("/login");

		// the instructor sees the visits
		JsonNode views = JSON
			.readTree(marie.getJson("/api/workflows/" + id + "/actions/" + action + "/serve/views").body());
		assertThat(views.get("shown").asLong()).isEqualTo(2);
		assertThat(views.get("learners").asLong()).isEqualTo(2);
		assertThat(views.get("unavailable").asLong()).isEqualTo(3);
		String actionPage = marie.get("/workflows/" + id + "/actions/" + action).body();
		assertThat(actionPage).contains("Learner page").contains("/serve/" + action).contains("ana@example.org");

		// a learner cannot open the instructor's pages of the workflow
		assertThat(ana.get("/workflows/" + id + "/actions/" + action).statusCode()).isEqualTo(404);
		assertThat(ana.get("/workflows/" + id + "/actions/" + action + "/survey").statusCode()).isEqualTo(404);
	}

	@Test
	void aLearnerLaunchedFromTheLmsSeesThePageAndTheThankYouInTheLmsFrame() {
		long id = workflow("Framed", table());
		TestBrowser marie = instructor(MARIE);
		long action = survey(id, marie, "survey");
		addQuestion(marie, id, action, Map.of("column", "Effort"));
		Map<String, Long> q = questionIds(marie, id, action);
		TestBrowser ana = launched("ana@example.org", "/serve/" + action);
		HttpResponse<String> page = ana.get("/serve/" + action);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Hello Ana").contains("How much effort?");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
			.contains("frame-ancestors 'self' https://lms.example.edu");
		assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
		HttpResponse<String> saved = ana.submit("/serve/" + action, Map.of("q" + q.get("Effort"), "low"));
		assertThat(saved.statusCode()).isEqualTo(302);
		HttpResponse<String> thanks = ana.get("/serve/" + action + "?done");
		assertThat(thanks.body()).contains("Thank you");
		assertThat(thanks.headers().firstValue("X-Frame-Options")).isEmpty();
		// a page the launch did not land on stays out of frames
		HttpResponse<String> other = learner("ben@example.org").get("/serve/" + action);
		assertThat(other.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	@Test
	void thePageIsOnlyOpenWithinItsWindow() {
		long id = workflow("Window", table());
		TestBrowser marie = instructor(MARIE);
		long action = createAction(marie, id,
				"{\"name\":\"Window\",\"type\":\"personalized_text\",\"text\":\"<p>Hi {{ Given name }}</p>\"}");
		Instant now = Instant.now();
		serve(marie, id, action, Map.of("enabled", "true", "activeFrom", local(now.plus(1, ChronoUnit.DAYS))));
		TestBrowser ana = learner("ana@example.org");
		assertThat(ana.get("/serve/" + action).body()).contains("Nothing for you here").doesNotContain("Hi Ana");
		serve(marie, id, action, Map.of("enabled", "true", "activeFrom", local(now.minus(2, ChronoUnit.DAYS)),
				"activeTo", local(now.minus(1, ChronoUnit.DAYS))));
		assertThat(ana.get("/serve/" + action).body()).contains("Nothing for you here");
		serve(marie, id, action, Map.of("enabled", "true", "activeFrom", local(now.minus(1, ChronoUnit.DAYS)),
				"activeTo", local(now.plus(1, ChronoUnit.DAYS))));
		assertThat(HtmlUtils.htmlUnescape(ana.get("/serve/" + action).body())).contains("Hi Ana");

		// a window that closes before it opens, an unknown or non-text learner column
		HttpResponse<String> backwards = serve(marie, id, action, Map.of("enabled", "true", "activeFrom",
				local(now.plus(2, ChronoUnit.DAYS)), "activeTo", local(now.plus(1, ChronoUnit.DAYS))));
		assertThat(backwards.statusCode()).isEqualTo(400);
		assertThat(backwards.body()).contains("must open (from) before it closes");
		HttpResponse<String> numeric = serve(marie, id, action, Map.of("enabled", "true", "learnerColumn", "Score"));
		assertThat(numeric.statusCode()).isEqualTo(400);
		assertThat(numeric.body()).contains("Column &quot;Score&quot; holds double values");
		assertThat(HtmlUtils.htmlUnescape(ana.get("/serve/" + action).body())).contains("Hi Ana");
	}

	// ------------------------------------------------------------ surveys

	private long survey(long id, TestBrowser marie, String type) {
		long action = createAction(marie, id, "{\"name\":\"Check-in\",\"type\":\"" + type
				+ "\",\"text\":\"<p>Hello {{ Given name }}</p>\",\"conditions\":[{\"name\":\"High\",\"formula\":" + HIGH
				+ "}]}");
		serve(marie, id, action, Map.of("enabled", "true"));
		return action;
	}

	@Test
	void twoLearnersAnsweringUpdateExactlyTheirTwoRows() {
		long id = workflow("Survey", table());
		TestBrowser marie = instructor(MARIE);
		long action = survey(id, marie, "survey");
		assertThat(addQuestion(marie, id, action, Map.of("column", "Effort")).statusCode()).isEqualTo(302);
		assertThat(addQuestion(marie, id, action, Map.of("column", "Hours", "label", "Hours?")).statusCode())
			.isEqualTo(302);
		Map<String, Long> q = questionIds(marie, id, action);
		DATAOPS.patches.clear();

		TestBrowser ana = learner("ana@example.org");
		String form = ana.get("/serve/" + action).body();
		assertThat(form).contains("How much effort?").contains("Hours?").contains("<option value=\"high\"");
		// fields naming another learner's row or email are never read
		HttpResponse<String> saved = ana.submit("/serve/" + action, Map.of("q" + q.get("Effort"), "high",
				"q" + q.get("Hours"), "4", "rowId", "2", "email", "ben@example.org", "learner", "ben@example.org"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElse("")).endsWith("/serve/" + action + "?done");
		assertThat(ana.get("/serve/" + action + "?done").body()).contains("Thank you");

		TestBrowser ben = learner("ben@example.org");
		ben.get("/serve/" + action);
		assertThat(ben.submit("/serve/" + action, Map.of("q" + q.get("Effort"), "low", "q" + q.get("Hours"), "")))
			.satisfies((r) -> assertThat(r.statusCode()).isEqualTo(302));

		assertThat(DATAOPS.patches).hasSize(2);
		Map<String, Object> anaValues = new LinkedHashMap<>();
		anaValues.put("Effort", "high");
		anaValues.put("Hours", 4L);
		Map<String, Object> benValues = new LinkedHashMap<>();
		benValues.put("Effort", "low");
		benValues.put("Hours", null);
		assertThat(DATAOPS.patches).containsExactly(new DataopsStub.Patch(id, 1, anaValues, MARIE),
				new DataopsStub.Patch(id, 2, benValues, MARIE));
		// the answers are shown back
		assertThat(ana.get("/serve/" + action).body()).contains("<option value=\"high\" selected=\"selected\"");
		JsonNode views = JSON
			.readTree(marie.getJson("/api/workflows/" + id + "/actions/" + action + "/serve/views").body());
		assertThat(views.get("answered").asLong()).isEqualTo(2);
	}

	@Test
	void answersOfTheWrongTypeOrOutsideTheCategoriesAreRefused() {
		long id = workflow("Types", table());
		TestBrowser marie = instructor(MARIE);
		long action = survey(id, marie, "survey");
		addQuestion(marie, id, action, Map.of("column", "Effort"));
		addQuestion(marie, id, action, Map.of("column", "Hours"));
		Map<String, Long> q = questionIds(marie, id, action);
		DATAOPS.patches.clear();
		TestBrowser ana = learner("ana@example.org");
		ana.get("/serve/" + action);
		HttpResponse<String> word = ana.submit("/serve/" + action, Map.of("q" + q.get("Hours"), "four"));
		assertThat(word.statusCode()).isEqualTo(400);
		assertThat(word.body()).contains("needs a whole number, not &quot;four&quot;").contains("value=\"four\"");
		HttpResponse<String> category = ana.submit("/serve/" + action, Map.of("q" + q.get("Effort"), "medium"));
		assertThat(category.statusCode()).isEqualTo(400);
		assertThat(category.body()).contains("must be one of low, high");
		assertThat(DATAOPS.patches).isEmpty();
	}

	@Test
	void aLockedQuestionCannotBeAnsweredTwiceAndConditionsHideQuestions() {
		long id = workflow("Locked", table());
		TestBrowser marie = instructor(MARIE);
		long action = survey(id, marie, "survey");
		addQuestion(marie, id, action, Map.of("column", "Hours", "locked", "true"));
		String condition = JSON.readTree(marie.getJson("/api/workflows/" + id + "/actions/" + action).body())
			.get("conditions")
			.get(0)
			.get("id")
			.asString();
		addQuestion(marie, id, action, Map.of("column", "Comment", "condition", condition));
		Map<String, Long> q = questionIds(marie, id, action);
		DATAOPS.patches.clear();

		TestBrowser ana = learner("ana@example.org");
		assertThat(ana.get("/serve/" + action).body()).contains("Anything else?");
		assertThat(ana.submit("/serve/" + action, Map.of("q" + q.get("Hours"), "5")).statusCode()).isEqualTo(302);
		String again = ana.get("/serve/" + action).body();
		assertThat(again).contains("readonly").contains("cannot be changed");
		HttpResponse<String> changed = ana.submit("/serve/" + action, Map.of("q" + q.get("Hours"), "6"));
		assertThat(changed.statusCode()).isEqualTo(400);
		assertThat(changed.body()).contains("was answered already and cannot be changed");
		assertThat(DATAOPS.patches).hasSize(1);

		// Ben's score is not high: the comment question is neither shown nor taken
		TestBrowser ben = learner("ben@example.org");
		assertThat(ben.get("/serve/" + action).body()).doesNotContain("Anything else?");
		assertThat(ben.submit("/serve/" + action, Map.of("q" + q.get("Comment"), "sneaky", "q" + q.get("Hours"), "2"))
			.statusCode()).isEqualTo(302);
		assertThat(DATAOPS.patches.get(1).values()).containsOnlyKeys("Hours");
		assertThat(DATAOPS.patches.get(1).rowId()).isEqualTo(2);
	}

	@Test
	void aSubmissionAfterTheWindowClosedChangesNothing() {
		long id = workflow("Closed", table());
		TestBrowser marie = instructor(MARIE);
		long action = survey(id, marie, "survey");
		addQuestion(marie, id, action, Map.of("column", "Effort"));
		Map<String, Long> q = questionIds(marie, id, action);
		TestBrowser ana = learner("ana@example.org");
		assertThat(ana.get("/serve/" + action).body()).contains("How much effort?");
		Instant now = Instant.now();
		serve(marie, id, action, Map.of("enabled", "true", "activeFrom", local(now.minus(2, ChronoUnit.DAYS)),
				"activeTo", local(now.minus(1, ChronoUnit.DAYS))));
		DATAOPS.patches.clear();
		HttpResponse<String> late = ana.submit("/serve/" + action, Map.of("q" + q.get("Effort"), "high"));
		assertThat(late.statusCode()).isEqualTo(200);
		assertThat(late.body()).contains("Nothing for you here");
		assertThat(DATAOPS.patches).isEmpty();
	}

	@Test
	void aToDoListTicksItemsAndTheInstructorFillsInForAnyLearner() {
		long id = workflow("Todo", table());
		TestBrowser marie = instructor(MARIE);
		long action = survey(id, marie, "todo_list");
		HttpResponse<String> text = addQuestion(marie, id, action, Map.of("column", "Comment"));
		assertThat(text.statusCode()).isEqualTo(400);
		assertThat(text.body()).contains("An item of a to-do list is a true/false column");
		HttpResponse<String> key = addQuestion(marie, id, action, Map.of("column", "email"));
		assertThat(key.statusCode()).isEqualTo(400);
		HttpResponse<String> missing = addQuestion(marie, id, action, Map.of("column", "Nope"));
		assertThat(missing.body()).contains("There is no column &quot;Nope&quot;");
		assertThat(addQuestion(marie, id, action, Map.of("column", "Done")).statusCode()).isEqualTo(302);
		Map<String, Long> q = questionIds(marie, id, action);
		DATAOPS.patches.clear();

		TestBrowser ana = learner("ana@example.org");
		assertThat(ana.get("/serve/" + action).body()).contains("type=\"checkbox\"").contains("Read chapter 1");
		ana.submit("/serve/" + action, Map.of("q" + q.get("Done"), "true"));
		assertThat(DATAOPS.patches.get(0).values()).containsEntry("Done", true);

		// the instructor: a searchable list, then the form of one learner (no lock, no
		// window)
		String list = marie.get("/workflows/" + id + "/actions/" + action + "/survey?q=cle").body();
		assertThat(list).contains("cleo@example.org").doesNotContain("ana@example.org");
		String fill = marie.get("/workflows/" + id + "/actions/" + action + "/survey/fill?learner=cleo@example.org")
			.body();
		assertThat(fill).contains("Read chapter 1");
		HttpResponse<String> saved = marie.submit("/workflows/" + id + "/actions/" + action + "/survey/fill",
				Map.of("learner", "cleo@example.org", "q" + q.get("Done"), "true"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(DATAOPS.patches.get(1)).isEqualTo(new DataopsStub.Patch(id, 3, Map.of("Done", true), MARIE));
	}

	@Test
	void theApiReadsAndChangesTheSettings() {
		long id = workflow("Api", table());
		TestBrowser marie = instructor(MARIE);
		long action = createAction(marie, id, "{\"name\":\"A\",\"type\":\"personalized_text\"}");
		String path = "/api/workflows/" + id + "/actions/" + action + "/serve";
		HttpResponse<String> put = send(marie, "PUT", path, id,
				"{\"enabled\":true,\"activeTo\":\"2030-01-01T00:00:00Z\",\"learnerColumn\":\"email\"}");
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		JsonNode got = JSON.readTree(marie.getJson(path).body());
		assertThat(got.get("enabled").asBoolean()).isTrue();
		assertThat(got.get("learnerColumn").asString()).isEqualTo("email");
		assertThat(got.get("activeTo").asString()).isEqualTo("2030-01-01T00:00:00Z");
		HttpResponse<String> bad = send(marie, "PUT", path, id, "{\"enabled\":true,\"learnerColumn\":\"Nope\"}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("There is no column \\\"Nope\\\"");
		assertThat(instructor("pierre@example.org").getJson(path).statusCode()).isEqualTo(404);
	}

	@Test
	void aRenamedColumnIsFollowedByTheLearnerPageAndItsQuestionsAndACloneTakesThem() {
		long id = workflow("Renamed", table());
		TestBrowser marie = instructor(MARIE);
		long action = createAction(marie, id, "{\"name\":\"A\",\"type\":\"survey\"}");
		String path = "/api/workflows/" + id + "/actions/" + action;
		assertThat(
				send(marie, "PUT", path + "/serve", id, "{\"enabled\":true,\"learnerColumn\":\"email\"}").statusCode())
			.isEqualTo(200);
		HttpResponse<String> question = send(marie, "POST", path + "/questions", id,
				"{\"column\":\"Score\",\"label\":\"Your score?\",\"locked\":false}");
		assertThat(question.statusCode()).as(question.body()).isIn(200, 201);
		for (String[] rename : new String[][] { { "email", "e-mail" }, { "Score", "Final mark" } }) {
			Message message = MessageBuilder
				.withBody(("{\"workflowId\":" + id + ",\"columnId\":3,\"oldName\":\"" + rename[0] + "\",\"newName\":\""
						+ rename[1] + "\",\"actorEmail\":\"" + MARIE + "\",\"at\":\"2026-11-24T10:00:00Z\"}")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.setContentType("application/json")
				.build();
			this.rabbit.send(this.names.exchange("dataops.events"), "column.renamed", message);
		}
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(JSON.readTree(marie.getJson(path + "/serve").body()).get("learnerColumn").asString())
				.isEqualTo("e-mail");
			assertThat(marie.getJson(path + "/questions").body()).contains("Final mark").doesNotContain("\"Score\"");
		});

		// a cloned action takes its questions and page settings, switched off
		HttpResponse<String> cloned = send(marie, "POST", path + "/clone", id, "{}");
		assertThat(cloned.statusCode()).as(cloned.body()).isIn(200, 201);
		String copy = "/api/workflows/" + id + "/actions/" + JSON.readTree(cloned.body()).get("id").asLong();
		assertThat(marie.getJson(copy + "/questions").body()).contains("Final mark").contains("Your score?");
		JsonNode copySettings = JSON.readTree(marie.getJson(copy + "/serve").body());
		assertThat(copySettings.get("enabled").asBoolean()).isFalse();
		assertThat(copySettings.get("learnerColumn").asString()).isEqualTo("e-mail");
	}

	@Test
	void aClonedWorkflowKeepsTheQuestionsAndLearnerPages() {
		long id = workflow("Cloned", table());
		TestBrowser marie = instructor(MARIE);
		long action = survey(id, marie, "survey");
		String condition = JSON.readTree(marie.getJson("/api/workflows/" + id + "/actions/" + action).body())
			.get("conditions")
			.get(0)
			.get("id")
			.asString();
		addQuestion(marie, id, action, Map.of("column", "Comment", "condition", condition, "locked", "true"));
		long clone = WORKFLOW_IDS.incrementAndGet();
		DATAOPS.put(clone, table());
		Message message = MessageBuilder
			.withBody(("{\"sourceWorkflowId\":" + id + ",\"cloneWorkflowId\":" + clone
					+ ",\"name\":\"Copy\",\"ownerEmail\":\"" + MARIE + "\",\"at\":\"2026-11-23T10:15:30Z\"}")
				.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("workflow.events"), "workflow.clone-requested", message);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			HttpResponse<String> list = instructor(MARIE).getJson("/api/workflows/" + clone + "/actions");
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(list.body())).hasSize(1);
		});
		long copy = JSON.readTree(marie.getJson("/api/workflows/" + clone + "/actions").body())
			.get(0)
			.get("id")
			.asLong();
		JsonNode questions = JSON
			.readTree(marie.getJson("/api/workflows/" + clone + "/actions/" + copy + "/questions").body());
		assertThat(questions).hasSize(1);
		assertThat(questions.get(0).get("conditionName").asString()).isEqualTo("High");
		assertThat(questions.get(0).get("locked").asBoolean()).isTrue();
		assertThat(JSON.readTree(marie.getJson("/api/workflows/" + clone + "/actions/" + copy + "/serve").body())
			.get("enabled")
			.asBoolean()).isTrue();
	}

	// ------------------------------------------------------------ import

	private HttpResponse<String> importFile(TestBrowser browser, long workflowId, byte[] file) {
		Matcher token = CSRF.matcher(browser.get("/workflows/" + workflowId + "/actions").body());
		assertThat(token.find()).isTrue();
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + "/api/workflows/" + workflowId + "/actions/import"))
			.header("Cookie", "SESSION=" + browser.cookie("SESSION").orElseThrow())
			.header("X-CSRF-TOKEN", token.group(1))
			.header("Accept", "application/json")
			.header("Content-Type", "application/gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(file))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] resource(String path) {
		try (java.io.InputStream in = LearnerPagesIntegrationTests.class.getResourceAsStream(path)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void anExportedSurveyIsImportedWithTheColumnsItNeeds() {
		long id = workflow("Import", table());
		TestBrowser marie = instructor(MARIE);
		HttpResponse<String> imported = importFile(marie, id, resource("/imports/survey_to_import.gz"));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		JsonNode result = JSON.readTree(imported.body());
		assertThat(result.get("actions").get(0).get("name").asString()).isEqualTo("Initial survey");
		assertThat(result.get("actions").get(0).get("questions").asInt()).isEqualTo(3);
		assertThat(result.get("createdColumns").toString()).contains("PROG_POINTS", "STAT_POINTS", "ACAD_POINTS");
		long action = result.get("actions").get(0).get("id").asLong();
		Map<String, Long> questions = questionIds(marie, id, action);
		assertThat(questions).containsOnlyKeys("PROG_POINTS", "STAT_POINTS", "ACAD_POINTS");
		JsonNode settings = JSON
			.readTree(marie.getJson("/api/workflows/" + id + "/actions/" + action + "/serve").body());
		assertThat(settings.get("enabled").asBoolean()).isFalse();
		assertThat(settings.get("learnerColumn").asString()).isEqualTo("email");

		// the learner answers the imported questions, labelled with the columns'
		// descriptions
		serve(marie, id, action, Map.of("enabled", "true", "learnerColumn", "email"));
		TestBrowser ana = learner("ana@example.org");
		assertThat(ana.get("/serve/" + action).body()).contains("Programming: Attendees with this profile");
		DATAOPS.patches.clear();
		ana.submit("/serve/" + action, Map.of("q" + questions.get("PROG_POINTS"), "50.5"));
		assertThat(DATAOPS.patches.get(0).values()).containsEntry("PROG_POINTS", 50.5);

		// again: the name is taken, nothing more is created
		int columns = DATAOPS.columns(id).size();
		HttpResponse<String> again = importFile(marie, id, resource("/imports/survey_to_import.gz"));
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("already an action called \\\"Initial survey\\\"");
		assertThat(DATAOPS.columns(id)).hasSize(columns);
	}

	@Test
	void aColumnOfAnotherTypeStopsTheImportAndNothingIsCreated() {
		DataopsStub.Table table = table();
		List<DataopsStub.Column> columns = new ArrayList<>(table.columns());
		columns.add(new DataopsStub.Column("STAT_POINTS", "string", false, List.of()));
		long id = workflow("Clash", new DataopsStub.Table(columns, table.rows()));
		TestBrowser marie = instructor(MARIE);
		HttpResponse<String> refused = importFile(marie, id, resource("/imports/survey_to_import.gz"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("STAT_POINTS").contains("string values in this table but double values");
		assertThat(DATAOPS.columns(id)).hasSize(columns.size());
		assertThat(JSON.readTree(marie.getJson("/api/workflows/" + id + "/actions").body())).isEmpty();

		HttpResponse<String> notGzip = importFile(marie, id, "[{}]".getBytes(StandardCharsets.UTF_8));
		assertThat(notGzip.statusCode()).isEqualTo(400);
		assertThat(notGzip.body()).contains("not gzip");
	}

	@Test
	void aReadyMadeSurveyIsAddedFromTheActionsPage() {
		long id = workflow("Catalogue", table());
		TestBrowser marie = instructor(MARIE);
		String page = marie.get("/workflows/" + id + "/actions").body();
		assertThat(page).contains("Add MSLQ").contains("Add SPQ").contains("Add SROLQ-R");
		HttpResponse<String> added = marie.submit("/workflows/" + id + "/actions/catalogue/mslq", Map.of());
		assertThat(added.statusCode()).isEqualTo(302);
		String location = added.headers().firstValue("Location").orElseThrow();
		long action = Long.parseLong(location.replaceAll(".*/actions/(\\d+).*", "$1"));
		assertThat(questionIds(marie, id, action)).hasSize(44).containsKey("MSLQ_Q01");
		JsonNode first = JSON
			.readTree(marie.getJson("/api/workflows/" + id + "/actions/" + action + "/questions").body())
			.get(0);
		assertThat(first.get("label").asString())
			.isEqualTo("I prefer class work that is challenging so I can learn new things");
		assertThat(DATAOPS.columns(id)).hasSize(table().columns().size() + 44);
		String actionPage = marie.get("/workflows/" + id + "/actions/" + action).body();
		assertThat(actionPage).contains("MSLQ data input").contains("MSLQ_Q01");

		marie.get("/workflows/" + id + "/actions");
		HttpResponse<String> twice = marie.submit("/workflows/" + id + "/actions/catalogue/mslq", Map.of());
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("already an action called");
	}

	HttpResponse<String> send(TestBrowser browser, String method, String path, long workflowId, String json) {
		Matcher token = CSRF.matcher(browser.get("/workflows/" + workflowId + "/actions").body());
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

}
