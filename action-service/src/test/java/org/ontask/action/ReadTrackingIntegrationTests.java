package org.ontask.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read tracking (issue 6 item 7): a run with tracking adds {@code EmailRead_<n>}, every
 * email carries a signed image URL, and only the first valid fetch of a message counts.
 */
class ReadTrackingIntegrationTests extends WorkflowScenarios {

	private static final Pattern PIXEL = Pattern
		.compile("<img src=\"https://ontask\\.example\\.edu/trck\\?v=([A-Za-z0-9_-]{44})\" width=\"1\" height=\"1\"");

	/** GET /trck as a mail program does: no session, no cookie. */
	private HttpResponse<byte[]> fetch(String token) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/trck?v=" + token)).build(),
						HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Object cell(long workflowId, String email, String column) {
		return DATAOPS.table(workflowId)
			.rows()
			.stream()
			.filter((row) -> row.get("Email").equals(email))
			.findFirst()
			.orElseThrow()
			.get(column);
	}

	private String token(String recipient, String subject) throws Exception {
		List<MimeMessage> mail = mailTo(recipient, subject);
		assertThat(mail).hasSize(1);
		String html = part(mail.get(0), "text/html");
		Matcher pixel = PIXEL.matcher(html);
		assertThat(pixel.find()).as(html).isTrue();
		assertThat(part(mail.get(0), "text/plain")).doesNotContain("trck");
		return pixel.group(1);
	}

	private long trackedRun(TestBrowser marie, long id, long action, String subject) {
		HttpResponse<String> started = marie.postJson("/api/workflows/" + id + "/actions/" + action + "/runs",
				"{\"emailColumn\":\"Email\",\"subject\":\"" + subject + "\",\"trackRead\":true}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long run = JSON.readTree(started.body()).get("id").asLong();
		awaitRun(marie, "/api/workflows/" + id + "/actions/" + action + "/runs/" + run, "DONE");
		return run;
	}

	@Test
	void aTrackedRunAddsItsColumnAndAFirstFetchCountsOnceReplaysNever() throws Exception {
		long id = workflow("Tracking", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message("Tracked"));
		String subject = "Tracked " + id;
		long run = trackedRun(marie, id, action, subject);

		assertThat(DATAOPS.table(id).columns())
			.anyMatch((c) -> c.name().equals("EmailRead_1") && c.type().equals("integer"));
		String ana = token("ana@example.org", subject);
		String ben = token("ben@example.org", subject);
		assertThat(ana).isNotEqualTo(ben);

		HttpResponse<byte[]> image = fetch(ana);
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type")).contains("image/gif");
		assertThat(image.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		assertThat(new String(image.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
		assertThat(cell(id, "ana@example.org", "EmailRead_1")).isEqualTo(1L);
		assertThat(DATAOPS.lastActingUser).isEqualTo(MARIE);

		// the same message opened again, or its URL replayed: counted in the hit row only
		for (int i = 0; i < 3; i++) {
			assertThat(fetch(ana).statusCode()).isEqualTo(200);
		}
		assertThat(cell(id, "ana@example.org", "EmailRead_1")).isEqualTo(1L);
		assertThat(DATAOPS.increments.stream().filter((e) -> e.equals("EmailRead_1:ana@example.org"))).hasSize(1);
		assertThat(this.jdbc.sql("SELECT hits FROM read_tracking_hit WHERE run_id = ?")
			.param(run)
			.query(Integer.class)
			.single()).isEqualTo(4);
		assertThat(cell(id, "ben@example.org", "EmailRead_1")).isNull();

		// a second tracked run counts in a column of its own
		String second = "Tracked again " + id;
		trackedRun(marie, id, action, second);
		assertThat(DATAOPS.table(id).columns()).anyMatch((c) -> c.name().equals("EmailRead_2"));
		fetch(token("ana@example.org", second));
		assertThat(cell(id, "ana@example.org", "EmailRead_2")).isEqualTo(1L);
		assertThat(cell(id, "ana@example.org", "EmailRead_1")).isEqualTo(1L);
	}

	@Test
	void forgedOrTamperedTokensChangeNothingAndStillGetTheImage() throws Exception {
		long id = workflow("Forged tracking", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message("Forged"));
		String subject = "Forged " + id;
		trackedRun(marie, id, action, subject);
		String token = token("ben@example.org", subject);
		int before = DATAOPS.increments.size();

		char last = token.charAt(20);
		String tampered = token.substring(0, 20) + ((last == 'A') ? 'B' : 'A') + token.substring(21);
		for (String forged : List.of(tampered, "A".repeat(44), token.substring(0, 43), "", "%3Cscript%3E",
				token + token)) {
			HttpResponse<byte[]> image = fetch(forged);
			assertThat(image.statusCode()).as(forged).isEqualTo(200);
			assertThat(image.headers().firstValue("Content-Type")).contains("image/gif");
		}
		assertThat(DATAOPS.increments).hasSize(before);
		assertThat(cell(id, "ben@example.org", "EmailRead_1")).isNull();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM read_tracking_hit h JOIN action_run r ON r.id = h.run_id "
					+ "WHERE r.workflow_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
		// the genuine one still counts
		fetch(token);
		assertThat(cell(id, "ben@example.org", "EmailRead_1")).isEqualTo(1L);
	}

	@Test
	void anUntrackedRunHasNoImageAndAddsNoColumn() throws Exception {
		long id = workflow("Untracked", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message("Untracked"));
		String subject = "Untracked " + id;
		HttpResponse<String> started = marie.postJson("/api/workflows/" + id + "/actions/" + action + "/runs",
				"{\"emailColumn\":\"Email\",\"subject\":\"" + subject + "\",\"trackRead\":false}");
		long run = JSON.readTree(started.body()).get("id").asLong();
		JsonNode done = awaitRun(marie, "/api/workflows/" + id + "/actions/" + action + "/runs/" + run, "DONE");
		assertThat(done.get("sent").asInt()).as(done.toString()).isEqualTo(4);
		assertThat(part(mailTo("ana@example.org", subject).get(0), "text/html")).doesNotContain("trck");
		assertThat(DATAOPS.table(id).columns()).noneMatch((c) -> c.name().startsWith("EmailRead_"));
	}

	@Test
	void theSendFormOffersTracking() {
		long id = workflow("Tracking form", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = createAction(marie, id, message("Form"));
		String form = marie.get("/workflows/" + id + "/actions/" + action + "/runs").body();
		assertThat(form).contains("name=\"trackRead\"");
		HttpResponse<String> sent = marie.submit("/workflows/" + id + "/actions/" + action + "/runs",
				java.util.Map.of("emailColumn", "Email", "subject", "Form " + id, "trackRead", "true"));
		assertThat(sent.statusCode()).as(sent.body()).isIn(302, 303);
		assertThat(DATAOPS.table(id).columns()).anyMatch((c) -> c.name().equals("EmailRead_1"));
	}

}
