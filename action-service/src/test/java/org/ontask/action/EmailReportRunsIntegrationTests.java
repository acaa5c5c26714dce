package org.ontask.action;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Email reports: one email to fixed recipients with the tables of
 * {@code ot_insert_report}, interactive or scheduled, sent once.
 */
class EmailReportRunsIntegrationTests extends WorkflowScenarios {

	private long report(TestBrowser marie, long workflowId) {
		return createAction(marie, workflowId,
				"{\"name\":\"Weekly report\",\"type\":\"email_report\",\"subject\":\"Report\",\"text\":" + JSON
					.writeValueAsString("<p>Scores this week:</p>{% ot_insert_report \"Given name\" \"Score\" %}")
						+ "}");
	}

	@Test
	void aReportIsEmailedOnceToItsRecipientsWithItsTable() throws Exception {
		long id = workflow("Report", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id);
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
		String subject = "Report " + id;
		HttpResponse<String> started = marie.postJson(runs, "{\"subject\":\"" + subject
				+ "\",\"emailTo\":\"head@example.org, dean@example.org\",\"cc\":\"copy@example.org\"}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long run = JSON.readTree(started.body()).get("id").asLong();
		JsonNode done = awaitRun(marie, runs + "/" + run, "DONE");
		assertThat(done.get("total").asInt()).isEqualTo(1);
		assertThat(done.get("sent").asInt()).isEqualTo(1);
		assertThat(mailTo("head@example.org", subject)).hasSize(1);
		assertThat(mailTo("dean@example.org", subject)).hasSize(1);
		assertThat(mailTo("copy@example.org", subject)).hasSize(1);
		MimeMessage message = mailTo("head@example.org", subject).get(0);
		String whole = GreenMailUtil.getWholeMessage(message);
		assertThat(whole).contains("Scores this week:")
			.contains("<th>Given name</th>")
			.contains("Ana &quot;the 1st&quot;")
			.contains("72.5")
			.contains("<td>Ben\\&lt;b&gt;</td>")
			.doesNotContain("<td>Ben\\<b>")
			// the plain-text part keeps the table's cells apart
			.contains("Ana \"the 1st\"\t72.5");
		assertThat(mailTo("ana@example.org", subject)).isEmpty();

		// a redelivered command sends nothing again
		this.jdbc.sql("UPDATE action_run SET status = 'QUEUED' WHERE id = ?").param(run).update();
		command("action-service.runs", "{\"runId\":" + run + "}");
		awaitRun(marie, runs + "/" + run, "DONE");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(mailTo("head@example.org", subject)).hasSize(1));
	}

	@Test
	void aScheduledReportGoesToTheOwnerWhenNoRecipientIsGiven() throws Exception {
		long id = workflow("Scheduled report", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id);
		long schedule = IDS.incrementAndGet();
		long execution = IDS.incrementAndGet();
		String subject = "Scheduled report " + execution;
		command("action-service.scheduled-runs",
				"{\"scheduleId\":" + schedule + ",\"executionId\":" + execution + ",\"workflowId\":" + id
						+ ",\"actionId\":" + action + ",\"actorEmail\":\"" + MARIE
						+ "\",\"incremental\":false,\"parameters\":{\"subject\":\"" + subject + "\"}}");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailTo(MARIE, subject)).hasSize(1));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(outbox("ActionRunCompleted", "\"executionId\":" + execution + ",")).singleElement()
						.asString()
						.contains("\"sent\":1"));
	}

	@Test
	void badRecipientsAreRefused() {
		long id = workflow("Report refused", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = report(marie, id);
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs";
		Map<String, String> refused = Map.of("{\"emailTo\":\"head@\"}",
				"To: \\\"head@\\\" is not a valid email address", "{\"emailTo\":\"a@b.org\",\"bcc\":\"x y\"}",
				"Bcc: \\\"x\\\" is not a valid email address");
		for (Map.Entry<String, String> body : refused.entrySet()) {
			HttpResponse<String> response = marie.postJson(runs, body.getKey());
			assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
			assertThat(response.body()).as(body.getKey()).contains(body.getValue());
		}
		assertThat(getJson(marie, runs)).isEmpty();
		String form = marie.get("/workflows/" + id + "/actions/" + action + "/runs").body();
		assertThat(form).contains("name=\"emailTo\"").doesNotContain("name=\"emailColumn\"");
	}

}
