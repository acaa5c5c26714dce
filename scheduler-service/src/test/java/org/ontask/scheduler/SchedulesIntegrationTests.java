package org.ontask.scheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.scheduler.schedule.ExecutionService;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.session.SessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules end to end on the real PostgreSQL and RabbitMQ: the tests take the commands
 * from the real work queues themselves and publish the working services' outcome events
 * to the real exchanges, so no other service is needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class SchedulesIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final String MARIE = "marie@example.org";

	private static final String PIERRE = "pierre@example.org";

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private AmqpAdmin admin;

	@Autowired
	private MessagingNames names;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Scheduler quartz;

	@Autowired
	private ExecutionService executions;

	@Autowired
	private DataSource dataSource;

	// ---- helpers

	private void publish(String exchange, String key, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange(exchange), key, message);
	}

	/** A workflow of marie's, as workflow-service announces it. */
	private long workflow(long id) {
		publish("workflow.events", "workflow.created", "{\"workflowId\":" + id + ",\"name\":\"Course " + id
				+ "\",\"ownerEmail\":\"" + MARIE + "\",\"createdAt\":\"2026-11-23T10:15:30Z\"}");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(signedIn(MARIE).getJson("/api/workflows/" + id + "/schedules").statusCode())
				.isEqualTo(200));
		return id;
	}

	private TestBrowser signedIn(String email) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, email, "INSTRUCTOR"));
	}

	/** An API call with the session's CSRF token, as the site's own scripts make it. */
	private HttpResponse<String> call(String email, String method, String path, String json) {
		TestBrowser browser = signedIn(email);
		Matcher token = CSRF.matcher(browser.get("/schedules").body());
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
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long create(long workflowId, String json) {
		HttpResponse<String> created = call(MARIE, "POST", "/api/workflows/" + workflowId + "/schedules", json);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asLong();
	}

	private JsonNode get(long workflowId, long scheduleId) {
		HttpResponse<String> got = signedIn(MARIE).getJson("/api/workflows/" + workflowId + "/schedules/" + scheduleId);
		assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
		return JSON.readTree(got.body());
	}

	/**
	 * The commands that are waiting now, of one schedule (the others stay). Only
	 * {@code basic.get}: a consumer leaving would delete the test run's auto-delete
	 * queue.
	 */
	private List<JsonNode> drain(String queue, long scheduleId) {
		List<JsonNode> mine = new ArrayList<>();
		List<Message> others = new ArrayList<>();
		Message message;
		while ((message = this.rabbit.receive(this.names.exchange(queue))) != null) {
			JsonNode command = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
			if (command.get("scheduleId").asLong() == scheduleId) {
				mine.add(command);
			}
			else {
				others.add(message);
			}
		}
		others.forEach((m) -> this.rabbit.send("", this.names.exchange(queue), m));
		return mine;
	}

	private static String future(int seconds) {
		return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private static final String RUNS = "action-service.scheduled-runs";

	private static final String REFRESHES = "dataops-service.scheduled-refreshes";

	private String eventsQueue() {
		String name = this.names.exchange("test.scheduler-events");
		Queue queue = new Queue(name, false, false, true);
		this.admin.declareQueue(queue);
		TopicExchange exchange = this.names.eventsExchange("scheduler.events");
		this.admin.declareExchange(exchange);
		Binding binding = BindingBuilder.bind(queue).to(exchange).with("schedule.#");
		this.admin.declareBinding(binding);
		return name;
	}

	// ---- tests

	@Test
	void aOneOffRunSendsOneCommandThatWaitsInTheQueueAndRecordsTheOutcome() {
		long wf = workflow(8101);
		String events = eventsQueue();
		long id = create(wf,
				"{\"name\":\"Week 3 feedback\",\"actionId\":3,\"runAt\":\"" + future(5) + "\","
						+ "\"incremental\":true,\"parameters\":{\"emailColumn\":\"email\",\"subject\":\"Hello\","
						+ "\"exclude\":[\"x@example.org\"],\"sendSummary\":false}}");
		JsonNode schedule = get(wf, id);
		assertThat(schedule.get("status").asString()).isEqualTo("PENDING");
		assertThat(schedule.get("nextRun").isNull()).isFalse();
		assertThat(schedule.get("when").asString()).startsWith("once at ");
		// nobody consumes the queue: the command waits there
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get(wf, id).get("executions")).hasSize(1));
		List<JsonNode> waiting = new ArrayList<>();
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			waiting.addAll(drain(RUNS, id));
			assertThat(waiting).as("the command waited in the queue, once").hasSize(1);
			assertThat(get(wf, id).get("executions")).hasSize(1);
		});
		JsonNode command = waiting.get(0);
		JsonNode execution = get(wf, id).get("executions").get(0);
		assertThat(command.get("scheduleId").asLong()).isEqualTo(id);
		assertThat(command.get("executionId").asLong()).isEqualTo(execution.get("id").asLong());
		assertThat(command.get("workflowId").asLong()).isEqualTo(wf);
		assertThat(command.get("actionId").asLong()).isEqualTo(3);
		assertThat(command.get("actorEmail").asString()).isEqualTo(MARIE);
		assertThat(command.get("incremental").asBoolean()).isTrue();
		assertThat(command.get("dueAt").asString()).endsWith("Z");
		assertThat(command.get("parameters").get("emailColumn").asString()).isEqualTo("email");
		assertThat(command.get("parameters").get("exclude").get(0).asString()).isEqualTo("x@example.org");
		assertThat(execution.get("status").asString()).isEqualTo("QUEUED");
		assertThat(get(wf, id).get("status").asString()).isEqualTo("RUNNING");

		long executionId = execution.get("id").asLong();
		publish("action.events", "action.run.started",
				"{\"workflowId\":" + wf + ",\"actionId\":3,\"runId\":77," + "\"total\":3,\"actorEmail\":\"" + MARIE
						+ "\",\"at\":\"2026-11-24T09:00:00Z\",\"scheduleId\":" + id + ",\"executionId\":" + executionId
						+ "}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(wf, id).get("executions").get(0).get("status").asString())
				.isEqualTo("RUNNING"));
		String completed = "{\"workflowId\":" + wf + ",\"actionId\":3,\"runId\":77,\"sent\":3,\"failed\":1,"
				+ "\"excluded\":1,\"status\":\"DONE\",\"at\":\"2026-11-24T09:01:00Z\",\"scheduleId\":" + id
				+ ",\"executionId\":" + executionId + ",\"message\":null}";
		publish("action.events", "action.run.completed", completed);
		publish("action.events", "action.run.completed", completed);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(wf, id).get("status").asString()).isEqualTo("DONE"));
		JsonNode done = get(wf, id);
		JsonNode run = done.get("executions").get(0);
		assertThat(run.get("status").asString()).isEqualTo("DONE");
		assertThat(run.get("runId").asLong()).isEqualTo(77);
		assertThat(run.get("sent").asLong()).isEqualTo(3);
		assertThat(run.get("reportUrl").asString()).isEqualTo("/workflows/" + wf + "/actions/3/runs/77");
		assertThat(done.get("lastResult").asString()).isEqualTo("Done: 3 sent, 1 failed");
		assertThat(done.get("nextRun").isNull()).isTrue();
		// the page shows the run with a link to its report
		String page = signedIn(MARIE).get("/workflows/" + wf + "/schedules/" + id).body();
		assertThat(page).contains("Week 3 feedback").contains("/workflows/" + wf + "/actions/3/runs/77");

		List<String> keys = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Message event;
			while ((event = this.rabbit.receive(events)) != null) {
				keys.add(event.getMessageProperties().getReceivedRoutingKey());
			}
			assertThat(keys).contains("schedule.created", "schedule.run.started", "schedule.run.completed");
		});
		assertThat(keys.stream().filter("schedule.run.completed"::equals)).hasSize(1);
	}

	@Test
	void badInputIsRefusedWithAClearMessageAndChangesNothing() {
		long wf = workflow(8102);
		String path = "/api/workflows/" + wf + "/schedules";
		Map<String, String> bad = Map.of("{\"name\":\"a\",\"actionId\":3,\"runAt\":\"2020-01-01T09:00:00Z\"}",
				"is in the past",
				"{\"name\":\"a\",\"actionId\":3,\"cron\":\"0 9 * * 1\",\"start\":\"" + future(7200) + "\",\"end\":\""
						+ future(3600) + "\"}",
				"is before the start", "{\"name\":\"a\",\"actionId\":3,\"cron\":\"0 25 * * *\"}", "hour field",
				"{\"name\":\"a\",\"actionId\":3,\"cron\":\"0 9 * * 9\"}", "day of week field",
				"{\"name\":\"a\",\"actionId\":3,\"cron\":\"0 9 * 13 *\"}", "month field",
				"{\"name\":\"a\",\"runAt\":\"" + future(3600) + "\"}", "actionId",
				"{\"name\":\"a\",\"actionId\":3,\"everyMinutes\":5,\"zone\":\"Mars/Olympus\"}", "Mars/Olympus",
				"{\"name\":\"\",\"actionId\":3,\"everyMinutes\":5}", "name",
				"{\"name\":\"a\",\"actionId\":3,\"everyHours\":2,\"parameters\":{\"colour\":\"red\"}}",
				"not a run parameter",
				"{\"name\":\"a\",\"kind\":\"TABLE_REFRESH\",\"connectionId\":4,\"mode\":\"merge\",\"everyDays\":1}",
				"leftOn");
		for (Map.Entry<String, String> entry : bad.entrySet()) {
			HttpResponse<String> response = call(MARIE, "POST", path, entry.getKey());
			assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JSON.readTree(response.body()).get("detail").asString()).as(entry.getKey())
				.contains(entry.getValue());
		}
		// another user's workflow: not found, whatever the body
		HttpResponse<String> other = call(PIERRE, "POST", path,
				"{\"name\":\"mine\",\"actionId\":3,\"runAt\":\"" + future(3600) + "\"}");
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(signedIn(PIERRE).getJson(path).statusCode()).isEqualTo(404);
		assertThat(this.jdbc.sql("SELECT count(*) FROM schedule WHERE workflow_id = ?")
			.param(wf)
			.query(Long.class)
			.single()).isZero();
		// a duplicate name
		create(wf, "{\"name\":\"Weekly\",\"actionId\":3,\"cron\":\"0 9 * * 1\"}");
		HttpResponse<String> duplicate = call(MARIE, "POST", path,
				"{\"name\":\"Weekly\",\"actionId\":4,\"cron\":\"0 9 * * 2\"}");
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(duplicate.body()).contains("already has a schedule named");
		JsonNode weekly = JSON.readTree(signedIn(MARIE).getJson(path).body()).get(0);
		assertThat(weekly.get("when").asString()).isEqualTo("at 09:00 on Monday (Europe/London)");
		// pierre may not change or run it either
		assertThat(call(PIERRE, "POST", path + "/" + weekly.get("id").asLong() + "/run-now", null).statusCode())
			.isEqualTo(404);
	}

	@Test
	void aRunThatCannotStartIsRefusedWithTheReasonShown() {
		long wf = workflow(8103);
		long id = create(wf, "{\"name\":\"Daily\",\"actionId\":5,\"cron\":\"30 8 * * *\",\"zone\":\"Europe/Paris\"}");
		HttpResponse<String> now = call(MARIE, "POST", "/api/workflows/" + wf + "/schedules/" + id + "/run-now", null);
		assertThat(now.statusCode()).as(now.body()).isEqualTo(202);
		long executionId = JSON.readTree(now.body()).get("executionId").asLong();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(drain(RUNS, id)).hasSize(1));
		publish("action.events", "action.run.refused",
				"{\"workflowId\":" + wf + ",\"actionId\":5,\"scheduleId\":" + id + ",\"executionId\":" + executionId
						+ ",\"reason\":\"The column \\\"email\\\" does not exist any more.\","
						+ "\"at\":\"2026-11-24T09:00:00Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(wf, id).get("executions").get(0).get("status").asString())
				.isEqualTo("REFUSED"));
		JsonNode schedule = get(wf, id);
		assertThat(schedule.get("status").asString()).isEqualTo("PENDING");
		assertThat(schedule.get("lastResult").asString())
			.isEqualTo("Refused: The column \"email\" does not exist any more.");
		assertThat(schedule.get("nextRun").asString()).contains("T08:30").endsWith("+01:00");
		assertThat(signedIn(MARIE).get("/workflows/" + wf + "/schedules/" + id).body())
			.contains("The column &quot;email&quot; does not exist any more.");
	}

	@Test
	void aTableRefreshSendsItsCommandToDataops() {
		long wf = workflow(8104);
		long id = create(wf,
				"{\"name\":\"Nightly import\",\"kind\":\"TABLE_REFRESH\",\"connectionId\":4,"
						+ "\"query\":\"SELECT sid, email FROM enrolments\",\"mode\":\"merge\",\"how\":\"outer\","
						+ "\"leftOn\":\"sid\",\"rightOn\":\"sid\",\"cron\":\"0 2 * * *\"}");
		HttpResponse<String> now = call(MARIE, "POST", "/api/workflows/" + wf + "/schedules/" + id + "/run-now", null);
		long executionId = JSON.readTree(now.body()).get("executionId").asLong();
		List<JsonNode> commands = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			commands.addAll(drain(REFRESHES, id));
			assertThat(commands).hasSize(1);
		});
		JsonNode command = commands.get(0);
		assertThat(command.get("executionId").asLong()).isEqualTo(executionId);
		assertThat(command.get("connectionId").asLong()).isEqualTo(4);
		assertThat(command.get("query").asString()).isEqualTo("SELECT sid, email FROM enrolments");
		assertThat(command.get("mode").asString()).isEqualTo("merge");
		assertThat(command.get("leftOn").asString()).isEqualTo("sid");
		assertThat(command.get("actorEmail").asString()).isEqualTo(MARIE);
		publish("dataops.events", "table.refresh.completed",
				"{\"workflowId\":" + wf + ",\"scheduleId\":" + id + ",\"executionId\":" + executionId
						+ ",\"status\":\"DONE\",\"rows\":42,\"message\":null," + "\"at\":\"2026-11-24T02:00:05Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(wf, id).get("lastResult").asString())
				.isEqualTo("Done: the table has 42 rows"));
		assertThat(get(wf, id).get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void editPauseResumeAndDeleteThroughTheApi() throws Exception {
		long wf = workflow(8105);
		String base = "/api/workflows/" + wf + "/schedules/";
		long id = create(wf, "{\"name\":\"Reminder\",\"actionId\":3,\"everyHours\":2,\"parameters\":"
				+ "{\"keyColumn\":\"sid\",\"targetUrl\":\"https://lms.example.org/hook\",\"token\":\"s3cret\"}}");
		assertThat(get(wf, id).get("parameters").get("token").asString()).isEqualTo("********");
		HttpResponse<String> patched = call(MARIE, "PATCH", base + id,
				"{\"name\":\"Reminder 2\",\"cron\":\"0 9 * * 1-5\",\"zone\":\"America/New_York\"}");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		JsonNode edited = JSON.readTree(patched.body());
		assertThat(edited.get("name").asString()).isEqualTo("Reminder 2");
		assertThat(edited.get("when").asString()).isEqualTo("at 09:00 on Monday to Friday (America/New_York)");
		assertThat(edited.get("nextRun").asString()).contains("T09:00");
		assertThat(edited.get("everyHours").isNull()).isTrue();
		// the token is kept sealed, never shown
		assertThat(this.jdbc.sql("SELECT parameters->>'token' FROM schedule WHERE id = ?")
			.param(id)
			.query(String.class)
			.single()).startsWith("sealed:").doesNotContain("s3cret");
		assertThat(call(MARIE, "POST", base + id + "/pause", null).statusCode()).isEqualTo(200);
		assertThat(get(wf, id).get("status").asString()).isEqualTo("PAUSED");
		assertThat(this.quartz.getTriggerState(TriggerKey.triggerKey("schedule-" + id, "schedules")))
			.isEqualTo(Trigger.TriggerState.PAUSED);
		assertThat(call(MARIE, "POST", base + id + "/resume", null).statusCode()).isEqualTo(200);
		assertThat(get(wf, id).get("status").asString()).isEqualTo("PENDING");
		assertThat(this.quartz.getTriggerState(TriggerKey.triggerKey("schedule-" + id, "schedules")))
			.isEqualTo(Trigger.TriggerState.NORMAL);
		assertThat(call(MARIE, "DELETE", base + id, null).statusCode()).isEqualTo(204);
		assertThat(signedIn(MARIE).getJson(base + id).statusCode()).isEqualTo(404);
		assertThat(this.quartz.checkExists(JobKey.jobKey("schedule-" + id, "schedules"))).isFalse();
	}

	@Test
	void thePagesCreateListAndChangeSchedules() {
		long wf = workflow(8106);
		TestBrowser browser = signedIn(MARIE);
		String form = browser.get("/workflows/" + wf + "/schedules/new?actionId=3").body();
		assertThat(form).contains("value=\"3\"").contains("Europe/London");
		HttpResponse<String> bad = browser.submit("/workflows/" + wf + "/schedules",
				Map.of("name", "Tutorial", "kind", "ACTION_RUN", "actionId", "3", "when", "cron", "cron", "0 9 * * 1 2",
						"zone", "Europe/London", "emailColumn", "email"));
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("five fields");
		HttpResponse<String> created = browser.submit("/workflows/" + wf + "/schedules",
				Map.of("name", "Tutorial <1>", "kind", "ACTION_RUN", "actionId", "3", "when", "every", "everyAmount",
						"1", "everyUnit", "minutes", "end", "2099-01-01T00:00", "zone", "Europe/London", "emailColumn",
						"email", "incremental", "true"));
		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/workflows/" + wf + "/schedules/\\d+");
		String page = browser.get(location.replaceAll("^https?://[^/]+", "")).body();
		assertThat(page).contains("Tutorial &lt;1&gt;").contains("every minute").contains("incremental");
		long id = Long.parseLong(location.replaceAll(".*/", ""));
		String list = browser.get("/workflows/" + wf + "/schedules").body();
		assertThat(list).contains("Tutorial &lt;1&gt;").doesNotContain("Nothing is scheduled.");
		assertThat(browser.get("/schedules").body()).contains("Tutorial &lt;1&gt;").contains("Course " + wf);
		assertThat(signedIn(PIERRE).get("/schedules").body()).doesNotContain("Tutorial &lt;1&gt;");
		browser.get(location.replaceAll("^https?://[^/]+", ""));
		assertThat(browser.submit("/workflows/" + wf + "/schedules/" + id + "/pause", Map.of()).statusCode())
			.isEqualTo(302);
		assertThat(browser.get("/workflows/" + wf + "/schedules/" + id).body()).contains("PAUSED");
		String edit = browser.get("/workflows/" + wf + "/schedules/" + id + "/edit").body();
		assertThat(edit).contains("Tutorial &lt;1&gt;").contains("2099-01-01T00:00");
		assertThat(browser.submit("/workflows/" + wf + "/schedules/" + id,
				Map.of("name", "Tutorial 2", "kind", "ACTION_RUN", "actionId", "3", "when", "every", "everyAmount", "2",
						"everyUnit", "hours", "zone", "Europe/London", "emailColumn", "email"))
			.statusCode()).isEqualTo(302);
		JsonNode edited = get(wf, id);
		assertThat(edited.get("name").asString()).isEqualTo("Tutorial 2");
		assertThat(edited.get("everyHours").asInt()).isEqualTo(2);
		assertThat(edited.get("status").asString()).isEqualTo("PAUSED");
		browser.get("/workflows/" + wf + "/schedules/" + id);
		assertThat(browser.submit("/workflows/" + wf + "/schedules/" + id + "/delete", Map.of()).statusCode())
			.isEqualTo(302);
		assertThat(browser.get("/workflows/" + wf + "/schedules").body()).contains("Nothing is scheduled.");
		// a form without the CSRF token changes nothing
		long other = create(wf, "{\"name\":\"Kept\",\"actionId\":3,\"everyDays\":1}");
		assertThat(signedIn(MARIE)
			.postRaw("/workflows/" + wf + "/schedules/" + other + "/delete", "application/x-www-form-urlencoded", "")
			.statusCode()).isEqualTo(403);
		assertThat(get(wf, other).get("name").asString()).isEqualTo("Kept");
	}

	@Test
	void aDeletedWorkflowTakesItsSchedulesAndADeletedActionStopsThem() throws Exception {
		long wf = workflow(8107);
		long first = create(wf, "{\"name\":\"A\",\"actionId\":3,\"everyDays\":1}");
		long second = create(wf, "{\"name\":\"B\",\"actionId\":4,\"everyDays\":1}");
		publish("action.events", "action.deleted", "{\"workflowId\":" + wf + ",\"actionId\":3,\"name\":\"Old\","
				+ "\"actorEmail\":\"" + MARIE + "\",\"at\":\"2026-11-24T09:00:00Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(wf, first).get("status").asString()).isEqualTo("FAILED"));
		assertThat(get(wf, first).get("reason").asString()).contains("action was deleted");
		assertThat(signedIn(MARIE).get("/workflows/" + wf + "/schedules/" + first).body())
			.contains("The action was deleted, so this schedule stopped.");
		assertThat(this.quartz.checkExists(JobKey.jobKey("schedule-" + first, "schedules"))).isFalse();
		assertThat(call(MARIE, "POST", "/api/workflows/" + wf + "/schedules/" + first + "/run-now", null).statusCode())
			.isEqualTo(409);
		assertThat(get(wf, second).get("status").asString()).isEqualTo("PENDING");

		publish("workflow.events", "workflow.deleted",
				"{\"workflowId\":" + wf + ",\"actorEmail\":\"" + MARIE + "\",\"at\":\"2026-11-24T09:00:00Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc.sql("SELECT count(*) FROM schedule WHERE workflow_id = ?")
				.param(wf)
				.query(Long.class)
				.single()).isZero());
		assertThat(this.quartz.checkExists(JobKey.jobKey("schedule-" + second, "schedules"))).isFalse();
	}

	@Test
	void aDueTimeMissedWhileTheSchedulerWasDownRunsOnceWhenItIsBack() throws Exception {
		long wf = workflow(8108);
		Instant runAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
		this.quartz.standby();
		long id;
		try {
			id = create(wf, "{\"name\":\"Missed\",\"actionId\":3,\"runAt\":\"" + runAt + "\"}");
			// well past the misfire threshold (3 s in tests)
			await().pollDelay(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(60))
				.until(() -> Instant.now().isAfter(runAt.plusSeconds(5)));
			assertThat(get(wf, id).get("executions")).isEmpty();
		}
		finally {
			this.quartz.start();
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get(wf, id).get("executions")).hasSize(1));
		List<JsonNode> sent = new ArrayList<>();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			sent.addAll(drain(RUNS, id));
			assertThat(sent).hasSize(1);
			assertThat(get(wf, id).get("executions")).hasSize(1);
		});

		// a repeating schedule whose window closed while it was down does not run
		long late = create(wf, "{\"name\":\"Window\",\"actionId\":3,\"everyMinutes\":1,\"end\":\""
				+ Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS) + "\"}");
		this.executions.fire(late, Instant.now().plusSeconds(120), null, "test");
		assertThat(get(wf, late).get("executions")).isEmpty();
		assertThat(get(wf, late).get("status").asString()).isEqualTo("DONE");
	}

	@Test
	void twoSchedulerReplicasRunEachDueTimeOnceAndARestartMidRunSendsNothingTwice() throws Exception {
		long wf = workflow(8109);
		// a run in progress when the second replica starts (as after a restart)
		long running = create(wf, "{\"name\":\"In progress\",\"actionId\":3,\"cron\":\"0 9 1 1 *\"}");
		long executionId = JSON
			.readTree(call(MARIE, "POST", "/api/workflows/" + wf + "/schedules/" + running + "/run-now", null).body())
			.get("executionId")
			.asLong();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(drain(RUNS, running)).hasSize(1));
		publish("action.events", "action.run.started",
				"{\"workflowId\":" + wf + ",\"actionId\":3,\"runId\":90," + "\"total\":3,\"actorEmail\":\"" + MARIE
						+ "\",\"at\":\"2026-11-24T09:00:00Z\",\"scheduleId\":" + running + ",\"executionId\":"
						+ executionId + "}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(wf, running).get("executions").get(0).get("status").asString())
				.isEqualTo("RUNNING"));

		long id = create(wf, "{\"name\":\"Every second\",\"actionId\":3,\"everyDays\":1,\"incremental\":true}");
		int dueTimes = 20;
		List<JsonNode> commands = new ArrayList<>();
		try (ConfigurableApplicationContext second = secondReplica()) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(
						this.jdbc.sql("SELECT count(*) FROM qrtz_scheduler_state").query(Long.class).single())
					.isEqualTo(2));
			// both replicas share the trigger; make it fire every second
			Instant first = Instant.now().plusSeconds(3);
			Trigger everySecond = TriggerBuilder.newTrigger()
				.withIdentity(TriggerKey.triggerKey("schedule-" + id, "schedules"))
				.forJob(JobKey.jobKey("schedule-" + id, "schedules"))
				.startAt(Date.from(first))
				.withSchedule(SimpleScheduleBuilder.simpleSchedule()
					.withIntervalInMilliseconds(1000)
					.withRepeatCount(dueTimes - 1)
					.withMisfireHandlingInstructionNextWithRemainingCount())
				.build();
			this.quartz.rescheduleJob(everySecond.getKey(), everySecond);
			await().atMost(Duration.ofSeconds(120))
				.until(() -> this.quartz.getTrigger(everySecond.getKey()) == null
						&& this.jdbc.sql("SELECT count(*) FROM qrtz_fired_triggers").query(Long.class).single() == 0);

			// Quartz may well let one replica acquire every firing; the race it prevents
			// is
			// also forced here: both replicas fire the same due times at the same moment
			long raced = create(wf, "{\"name\":\"Raced\",\"actionId\":3,\"everyDays\":1}");
			ExecutionService other = second.getBean(ExecutionService.class);
			Instant base = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
			int races = 30;
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				for (int i = 0; i < races; i++) {
					Instant dueAt = base.plusSeconds(i);
					java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
					java.util.concurrent.Future<?> a = pool.submit(() -> {
						start.await();
						this.executions.fire(raced, dueAt, null, "first");
						return null;
					});
					java.util.concurrent.Future<?> b = pool.submit(() -> {
						start.await();
						other.fire(raced, dueAt, null, "second");
						return null;
					});
					a.get();
					b.get();
				}
			}
			finally {
				pool.shutdown();
			}
			List<JsonNode> racedCommands = new ArrayList<>();
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				racedCommands.addAll(drain(RUNS, raced));
				assertThat(racedCommands).hasSize(races);
			});
			assertThat(this.jdbc.sql("SELECT count(DISTINCT due_at) FROM schedule_execution WHERE schedule_id = ?")
				.param(raced)
				.query(Long.class)
				.single()).isEqualTo(races);
			Map<String, Long> winners = new java.util.TreeMap<>();
			this.jdbc.sql("SELECT fired_by, count(*) FROM schedule_execution WHERE schedule_id = ? GROUP BY fired_by")
				.param(raced)
				.query((rs, n) -> winners.put(rs.getString(1), rs.getLong(2)))
				.list();
			System.out.println("Two replicas racing " + races + " due times: commands " + racedCommands.size()
					+ ", won by " + winners);
			// every due time fired has sent its command, and nothing more comes
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				commands.addAll(drain(RUNS, id));
				assertThat(commands).hasSize(executions(id));
			});
		}
		List<Instant> due = this.jdbc.sql("SELECT due_at FROM schedule_execution WHERE schedule_id = ? ORDER BY due_at")
			.param(id)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.list();
		commands.addAll(drain(RUNS, id));
		Map<String, Long> byReplica = new java.util.TreeMap<>();
		this.jdbc.sql("SELECT fired_by, count(*) FROM schedule_execution WHERE schedule_id = ? GROUP BY fired_by")
			.param(id)
			.query((rs, n) -> byReplica.put(rs.getString(1), rs.getLong(2)))
			.list();
		System.out.println("Two replicas, " + dueTimes + " due times: executions " + due.size() + ", commands "
				+ commands.size() + ", fired by " + byReplica);
		Set<Long> executionIds = new HashSet<>();
		commands.forEach((c) -> executionIds.add(c.get("executionId").asLong()));
		// one execution and one command per due time, none twice
		assertThat(due).hasSizeGreaterThanOrEqualTo(dueTimes / 2).hasSizeLessThanOrEqualTo(dueTimes);
		assertThat(new HashSet<>(due)).hasSameSizeAs(due);
		assertThat(commands).hasSameSizeAs(due);
		assertThat(executionIds).hasSameSizeAs(due);
		assertThat(commands).allSatisfy((c) -> assertThat(c.get("incremental").asBoolean()).isTrue());

		// the run in progress was not sent again, and stays running until its end arrives
		assertThat(drain(RUNS, running)).isEmpty();
		assertThat(get(wf, running).get("executions")).hasSize(1);
		assertThat(get(wf, running).get("executions").get(0).get("status").asString()).isEqualTo("RUNNING");
		publish("action.events", "action.run.completed",
				"{\"workflowId\":" + wf + ",\"actionId\":3,\"runId\":90,"
						+ "\"sent\":3,\"failed\":0,\"excluded\":0,\"status\":\"DONE\",\"at\":\"2026-11-24T09:01:00Z\","
						+ "\"scheduleId\":" + running + ",\"executionId\":" + executionId + ",\"message\":null}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(wf, running).get("executions").get(0).get("status").asString())
				.isEqualTo("DONE"));
	}

	/**
	 * A second scheduler-service on the same database and broker, in this JVM: its Quartz
	 * joins the cluster. Its listeners stay off (the first replica's test queues are
	 * exclusive to it); it fires and sends commands like any replica.
	 */
	private ConfigurableApplicationContext secondReplica() {
		ConfigurableApplicationContext second = new SpringApplicationBuilder(SchedulerServiceApplication.class)
			.profiles("test")
			// as arguments, not default properties: those lose to application.yml, whose
			// port 8085 may be taken (by a running system)
			.run("--server.port=0", "--spring.rabbitmq.listener.simple.auto-startup=false",
					"--spring.rabbitmq.dynamic=false", "--spring.flyway.enabled=false");
		// Quartz keeps its connection providers in a JVM-wide registry keyed by the
		// scheduler's name, which both replicas share (it is the cluster's name): the
		// second replica's registration replaced the first's. Point both back at this
		// context's pool (the same database), so closing the second replica leaves the
		// first one working. Each replica keeps its own Quartz scheduler and instance id;
		// they coordinate through the database's row locks, as in separate processes.
		register("springTxDataSource.ontask-scheduler", () -> DataSourceUtils.doGetConnection(this.dataSource));
		register("springNonTxDataSource.ontask-scheduler", this.dataSource::getConnection);
		return second;
	}

	private static void register(String name, Callable<Connection> connections) {
		DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {

			@Override
			public Connection getConnection() throws SQLException {
				try {
					return connections.call();
				}
				catch (SQLException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new SQLException(ex);
				}
			}

			@Override
			public void shutdown() {
			}

			@Override
			public void initialize() {
			}

		});
	}

	private int executions(long scheduleId) {
		return this.jdbc.sql("SELECT count(*) FROM schedule_execution WHERE schedule_id = ?")
			.param(scheduleId)
			.query(Long.class)
			.single()
			.intValue();
	}

}
