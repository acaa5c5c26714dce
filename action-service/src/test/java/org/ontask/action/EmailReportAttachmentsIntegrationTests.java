package org.ontask.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Email reports with views attached as CSV files: chosen through the API and the action's
 * page (views of the workflow only), written from dataops' views and selections when the
 * report goes out, and a view deleted since it was chosen left out with the run saying
 * so. Real PostgreSQL, Redis and RabbitMQ, dataops played by {@link DataopsStub} over
 * HTTP, email to GreenMail.
 */
class EmailReportAttachmentsIntegrationTests extends WorkflowScenarios {

	static final String SCORE_AT_LEAST_50 = "{\"condition\":\"AND\",\"not\":false,\"rules\":[{\"id\":\"Score\","
			+ "\"field\":\"Score\",\"type\":\"double\",\"input\":\"number\",\"operator\":\"greater_or_equal\","
			+ "\"value\":\"50\"}]}";

	static final String NOT_DAN = "{\"condition\":\"AND\",\"not\":false,\"rules\":[{\"id\":\"Email\","
			+ "\"field\":\"Email\",\"type\":\"string\",\"input\":\"text\",\"operator\":\"not_equal\","
			+ "\"value\":\"dan@example.org\"}]}";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	@Test
	void theReportCarriesOneCsvFilePerChosenView() throws Exception {
		long id = workflow("Attachments", reportTable());
		long scores = view(id, "Scores / week 1", List.of("sid", "Given name", "Score"), SCORE_AT_LEAST_50);
		long emails = view(id, "Emails", List.of("Email", "Passed", "Given name"), null);
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id, "[" + scores + "," + emails + "]");
		String path = "/api/workflows/" + id + "/actions/" + action;
		assertThat(getJson(marie, path).get("attachments").toString()).isEqualTo("[" + scores + "," + emails + "]");

		String subject = "Attached " + id;
		JsonNode done = run(marie, path, subject, "DONE");
		assertThat(done.get("sent").asInt()).isEqualTo(1);
		assertThat(done.path("message").isNull() || done.path("message").isMissingNode()).as(done.toString()).isTrue();
		MimeMessage message = only(subject);
		assertThat(message.isMimeType("multipart/mixed")).isTrue();
		assertThat(part(message, "text/plain")).contains("Scores this week:");
		assertThat(part(message, "text/html")).contains("<th>Given name</th>");
		Map<String, String> files = attachments(message);
		assertThat(files.keySet()).containsExactly("Scores _ week 1.csv", "Emails.csv");
		// the view's filter and the action's filter (not Dan) both apply; RFC 4180
		// quoting;
		// a cell that starts a formula is neutralised as dataops' download does
		assertThat(files.get("Scores _ week 1.csv"))
			.isEqualTo("sid,Given name,Score\r\n1001,\"Ana \"\"the 1st\"\"\",72.5\r\n1002,'=1+2,55\r\n");
		assertThat(files.get("Emails.csv")).isEqualTo("Email,Passed,Given name\r\n"
				+ "ana@example.org,true,\"Ana \"\"the 1st\"\"\"\r\nben@example.org,false,'=1+2\r\n"
				+ "cleo@example.org,,\"Cleo, Jr.\"\r\n");
	}

	@Test
	void aViewOfAnotherWorkflowOrNoViewIsRefusedAndNothingIsSaved() {
		long id = workflow("Own views", reportTable());
		long own = view(id, "Own", List.of("Email"), null);
		long other = workflow("Other views", reportTable());
		long foreign = view(other, "Foreign", List.of("Email"), null);
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id, "[" + own + "]");
		String path = "/api/workflows/" + id + "/actions/" + action;

		HttpResponse<String> refused = send(marie, "PATCH", path,
				"{\"name\":\"Renamed\",\"attachments\":[" + own + "," + foreign + "]}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("View " + foreign + " is not a view of this workflow.");
		JsonNode unchanged = getJson(marie, path);
		assertThat(unchanged.get("name").asString()).isEqualTo("Weekly report");
		assertThat(unchanged.get("attachments").toString()).isEqualTo("[" + own + "]");

		HttpResponse<String> unknown = send(marie, "PATCH", path, "{\"attachments\":[987654321]}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("View 987654321 is not a view of this workflow.");

		HttpResponse<String> created = marie.postJson("/api/workflows/" + id + "/actions",
				"{\"name\":\"Foreign report\",\"type\":\"email_report\",\"attachments\":[" + foreign + "]}");
		assertThat(created.statusCode()).isEqualTo(400);
		assertThat(created.body()).contains("View " + foreign);
		HttpResponse<String> notReport = marie.postJson("/api/workflows/" + id + "/actions",
				"{\"name\":\"Message\",\"type\":\"personalized_text\",\"attachments\":[" + own + "]}");
		assertThat(notReport.statusCode()).isEqualTo(400);
		assertThat(notReport.body()).contains("Only an email report has attachments.");
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions")).hasSize(1);

		// the page: a multi-select of the workflow's views, the same check on the server
		String page = marie.get("/workflows/" + id + "/actions/" + action).body();
		assertThat(page).contains("name=\"viewId\"")
			.containsPattern("<option value=\"" + own + "\"\\s+selected[^>]*>Own</option>")
			.doesNotContain(">Foreign<");
		HttpResponse<String> form = postForm(marie, "/workflows/" + id + "/actions/" + action + "/attachments",
				List.of(Map.entry("viewId", String.valueOf(foreign))));
		assertThat(form.statusCode()).isEqualTo(400);
		assertThat(form.body()).contains("View " + foreign + " is not a view of this workflow.");
		assertThat(getJson(marie, path).get("attachments").toString()).isEqualTo("[" + own + "]");
		HttpResponse<String> noCsrf = marie.postRaw("/workflows/" + id + "/actions/" + action + "/attachments",
				"application/x-www-form-urlencoded", "");
		assertThat(noCsrf.statusCode()).isEqualTo(403);
		HttpResponse<String> none = postForm(marie, "/workflows/" + id + "/actions/" + action + "/attachments",
				List.of());
		assertThat(none.statusCode()).isEqualTo(302);
		assertThat(getJson(marie, path).get("attachments").toString()).isEqualTo("[]");
	}

	@Test
	void aViewDeletedAfterBeingChosenIsLeftOutAndTheRunSaysSo() throws Exception {
		long id = workflow("Deleted view", reportTable());
		long scores = view(id, "Scores", List.of("sid", "Score"), SCORE_AT_LEAST_50);
		long emails = view(id, "Emails", List.of("Email"), null);
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id, "[" + scores + "," + emails + "]");
		String path = "/api/workflows/" + id + "/actions/" + action;
		DATAOPS.deleteView(id, emails);

		String subject = "Deleted view " + id;
		JsonNode done = run(marie, path, subject, "DONE");
		assertThat(done.get("sent").asInt()).isEqualTo(1);
		assertThat(done.get("message").asString())
			.isEqualTo("Sent without an attachment: view 'Emails' no longer exists. Choose the attachments again on "
					+ "the action's page.");
		assertThat(attachments(only(subject)).keySet()).containsExactly("Scores.csv");

		// the page names the view that is gone; saving the choice drops it
		String page = marie.get("/workflows/" + id + "/actions/" + action).body();
		assertThat(page).contains("data-testid=\"gone-views\"").contains("<li>Emails</li>");
		HttpResponse<String> saved = postForm(marie, "/workflows/" + id + "/actions/" + action + "/attachments",
				List.of(Map.entry("viewId", String.valueOf(scores))));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(getJson(marie, path).get("attachments").toString()).isEqualTo("[" + scores + "]");
		assertThat(marie.get("/workflows/" + id + "/actions/" + action).body())
			.doesNotContain("data-testid=\"gone-views\"");
	}

	@Test
	void aViewOfTenThousandRowsIsAttachedWhole() throws Exception {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 1; i <= 10_000; i++) {
			rows.add(sidRow(i, "Learner " + i, "learner" + i + "@example.org", (double) (i % 100), i % 2 == 0));
		}
		long id = workflow("Large view", new DataopsStub.Table(reportTable().columns(), rows));
		long all = view(id, "Everyone", List.of("sid", "Email", "Score"), null);
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id, "[" + all + "]");
		String subject = "Large view " + id;
		run(marie, "/api/workflows/" + id + "/actions/" + action, subject, "DONE");
		String csv = attachments(only(subject)).get("Everyone.csv");
		List<String> lines = Arrays.asList(csv.split("\r\n"));
		assertThat(lines).hasSize(10_001);
		assertThat(lines.get(0)).isEqualTo("sid,Email,Score");
		assertThat(lines.get(1)).isEqualTo("1001,learner1@example.org,1");
		assertThat(lines.get(10_000)).isEqualTo("11000,learner10000@example.org,0");
	}

	@Test
	void aScheduledReportCarriesItsAttachmentsToo() throws Exception {
		long id = workflow("Scheduled attachments", reportTable());
		long emails = view(id, "Emails", List.of("Email"), null);
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id, "[" + emails + "]");
		long execution = IDS.incrementAndGet();
		String subject = "Scheduled attachments " + execution;
		command("action-service.scheduled-runs",
				"{\"scheduleId\":" + IDS.incrementAndGet() + ",\"executionId\":" + execution + ",\"workflowId\":" + id
						+ ",\"actionId\":" + action + ",\"actorEmail\":\"" + MARIE
						+ "\",\"incremental\":false,\"parameters\":{\"subject\":\"" + subject + "\"}}");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(TestInfrastructure.get().smtp().getReceivedMessages())
				.anyMatch((message) -> subject.equals(subjectOf(message))));
		assertThat(attachments(only(subject))).containsExactly(
				Map.entry("Emails.csv", "Email\r\nana@example.org\r\nben@example.org\r\ncleo@example.org\r\n"));
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long report(TestBrowser marie, long workflowId, String attachments) {
		String body = "{\"name\":\"Weekly report\",\"type\":\"email_report\",\"subject\":\"Report\",\"filter\":"
				+ NOT_DAN + ",\"attachments\":" + attachments + ",\"text\":"
				+ JSON.writeValueAsString("<p>Scores this week:</p>{% ot_insert_report \"Given name\" \"Score\" %}")
				+ "}";
		return createAction(marie, workflowId, body);
	}

	private JsonNode run(TestBrowser marie, String actionPath, String subject, String status) {
		HttpResponse<String> started = marie.postJson(actionPath + "/runs",
				"{\"subject\":\"" + subject + "\",\"emailTo\":\"head@example.org\"}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		return awaitRun(marie, actionPath + "/runs/" + JSON.readTree(started.body()).get("id").asLong(), status);
	}

	private static long view(long workflowId, String name, List<String> columns, String filter) {
		long viewId = IDS.incrementAndGet();
		DATAOPS.putView(workflowId, viewId, name, columns, filter);
		return viewId;
	}

	private static MimeMessage only(String subject) throws MessagingException {
		Map<String, MimeMessage> found = new LinkedHashMap<>();
		for (MimeMessage message : TestInfrastructure.get().smtp().getReceivedMessages()) {
			if (message.getSubject().equals(subject)) {
				found.putIfAbsent(message.getMessageID(), message);
			}
		}
		assertThat(found).hasSize(1);
		return found.values().iterator().next();
	}

	/** The attachments of a message by file name, in order, read as UTF-8. */
	private static Map<String, String> attachments(Part part) throws Exception {
		Map<String, String> found = new LinkedHashMap<>();
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				found.putAll(attachments(multipart.getBodyPart(i)));
			}
		}
		else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			assertThat(part.isMimeType("text/csv")).isTrue();
			found.put(MimeUtility.decodeText(part.getFileName()),
					new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		return found;
	}

	/** A form with repeated fields and the CSRF token of the action's page. */
	private HttpResponse<String> postForm(TestBrowser browser, String path, List<Map.Entry<String, String>> fields) {
		Matcher token = CSRF.matcher(browser.get(path.substring(0, path.lastIndexOf('/'))).body());
		assertThat(token.find()).isTrue();
		StringBuilder body = new StringBuilder("_csrf=")
			.append(URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
		for (Map.Entry<String, String> field : fields) {
			body.append('&')
				.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
		}
		return browser.postRaw(path, "application/x-www-form-urlencoded", body.toString());
	}

	/**
	 * PATCH as a browser's script sends it: the session cookie and a page's CSRF token.
	 */
	private HttpResponse<String> send(TestBrowser browser, String method, String path, String json) {
		Matcher token = CSRF
			.matcher(browser.get(path.substring(0, path.indexOf("/actions")).replace("/api", "") + "/actions").body());
		assertThat(token.find()).isTrue();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Cookie", "SESSION=" + browser.cookie("SESSION").orElseThrow())
			.header("X-CSRF-TOKEN", token.group(1))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json))
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

	static DataopsStub.Table reportTable() {
		List<DataopsStub.Column> columns = List.of(new DataopsStub.Column("sid", "integer", true, List.of()),
				new DataopsStub.Column("Given name", "string", false, List.of()),
				new DataopsStub.Column("Email", "string", true, List.of()),
				new DataopsStub.Column("Score", "double", false, List.of()),
				new DataopsStub.Column("Passed", "boolean", false, List.of()));
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.add(sidRow(1, "Ana \"the 1st\"", "ana@example.org", 72.5, true));
		rows.add(sidRow(2, "=1+2", "ben@example.org", 55.0, false));
		rows.add(sidRow(3, "Cleo, Jr.", "cleo@example.org", null, null));
		rows.add(sidRow(4, "Dan", "dan@example.org", 90.0, true));
		return new DataopsStub.Table(columns, rows);
	}

}
