package org.ontask.action;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ZIP export (issue 6 item 8): one HTML file per selected learner, named from that
 * learner's own values.
 */
class ZipExportIntegrationTests extends WorkflowScenarios {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final String DAYS_3 = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"Days online\","
			+ "\"field\":\"Days online\",\"type\":\"integer\",\"operator\":\"greater_or_equal\",\"value\":\"3\"}]}";

	/** Posts the form as the browser does and reads the answer as bytes. */
	private HttpResponse<byte[]> post(TestBrowser browser, String path, Map<String, String> fields) {
		HttpResponse<String> form = browser.get(path);
		assertThat(form.statusCode()).isEqualTo(200);
		Matcher token = CSRF.matcher(form.body());
		assertThat(token.find()).isTrue();
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", token.group(1));
		String body = all.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
					.header("Cookie", "SESSION=" + browser.cookie("SESSION").orElseThrow())
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}

	private long filteredAction(TestBrowser marie, long id, String name) {
		return createAction(marie, id, "{\"name\":\"" + name + "\",\"type\":\"personalized_text\","
				+ "\"subject\":\"For {{ Given name }}\",\"text\":\"<p>Dear {{ Given name }} ({{ Email }}),</p>"
				+ "{% if Low score %}<p>Let us talk.</p>{% else %}<p>Well done.</p>{% endif %}<p>{{ Note }}</p>\","
				+ "\"filter\":" + DAYS_3 + ",\"conditions\":[{\"name\":\"Low score\",\"formula\":" + LOW_SCORE + "}]}");
	}

	@Test
	void eachFileHoldsTheTextOfTheLearnerItIsNamedAfterWithFilterAndExclusions() throws Exception {
		long id = workflow("ZIP", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = filteredAction(marie, id, "Feedback");
		String path = "/workflows/" + id + "/actions/" + action + "/zip";
		assertThat(marie.get("/workflows/" + id + "/actions/" + action).body()).contains(path);

		HttpResponse<byte[]> zip = post(marie, path,
				Map.of("keyColumn", "Email", "nameColumn", "Given name", "suffix", "", "exclude", "ben@example.org"));
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(zip.headers().firstValue("Content-Type")).contains("application/zip");
		assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow())
			.matches("attachment; filename=\"ontask_zip_action_\\d{6}_\\d{6}\\.zip\"");
		Map<String, String> files = unzip(zip.body());
		// Cleo is not selected by the filter (1 day online), Ben is excluded
		assertThat(files).containsOnlyKeys("ana@example.org_Ana_feedback.html", "dan@example.org_Dan_feedback.html");
		assertThat(files.get("ana@example.org_Ana_feedback.html")).contains("<title>For Ana</title>")
			.contains("Dear Ana (ana@example.org)")
			.contains("Well done.")
			.contains("&lt;script&gt;")
			.doesNotContain("<script>");
		assertThat(files.get("dan@example.org_Dan_feedback.html")).contains("Dear Dan (dan@example.org)")
			.doesNotContain("Ana");

		// without a second column, and a suffix of one's own
		Map<String, String> plain = unzip(
				post(marie, path, Map.of("keyColumn", "Email", "nameColumn", "", "suffix", "week3.htm")).body());
		assertThat(plain).containsOnlyKeys("ana@example.org_week3.htm", "ben@example.org_week3.htm",
				"dan@example.org_week3.htm");
		assertThat(plain.get("ben@example.org_week3.htm")).contains("Dear Ben (ben@example.org)")
			.contains("Let us talk.")
			.contains("B &amp; co");
	}

	@Test
	void unsafeNamesAreSanitisedAndDuplicatesKeptApart() throws Exception {
		long id = workflow("ZIP names", tutorialTable());
		DataopsStub.Table table = tutorialTable();
		table.rows().get(0).put("Given name", "../../etc/passwd");
		table.rows().get(1).put("Given name", "a/b\\c:d*?\"<>|\u0007e");
		table.rows().get(3).put("Email", "ana@example.org");
		table.rows().get(3).put("Given name", "../../etc/passwd");
		DATAOPS.put(id, table);
		TestBrowser marie = api(MARIE, id);
		long action = filteredAction(marie, id, "Names");
		Map<String, String> files = unzip(post(marie, "/workflows/" + id + "/actions/" + action + "/zip",
				Map.of("keyColumn", "Email", "nameColumn", "Given name", "suffix", "../x/feedback"))
			.body());
		assertThat(files).hasSize(3);
		for (String name : files.keySet()) {
			assertThat(name).doesNotContain("/").doesNotContain("\\").doesNotContain(":").doesNotContain("\u0007");
			assertThat(name).doesNotStartWith(".").endsWith(".html");
		}
		assertThat(files).containsKeys("ana@example.org__.._etc_passwd_.._x_feedback.html",
				"ana@example.org__.._etc_passwd_2_.._x_feedback.html",
				"ben@example.org_a_b_c_d_______e_.._x_feedback.html");
		// the two files of learners with the same values are theirs, in the order
		// selected
		assertThat(files.get("ana@example.org__.._etc_passwd_.._x_feedback.html")).contains("Well done.")
			.contains("&lt;script&gt;");
		assertThat(files.get("ana@example.org__.._etc_passwd_2_.._x_feedback.html")).contains("<p>ok</p>");
	}

	@Test
	void moodleFeedbackFilesAreNamedByFullNameAndParticipantNumber() throws Exception {
		long id = workflow("ZIP Moodle", tutorialTable());
		DataopsStub.Table table = tutorialTable();
		table.columns().add(new DataopsStub.Column("Identifier", "string", true, java.util.List.of()));
		table.columns().add(new DataopsStub.Column("Full name", "string", false, java.util.List.of()));
		String[] names = { "Ana López", "Ben Ng", "Cleo Roy", "Dan Wu" };
		for (int i = 0; i < 4; i++) {
			table.rows().get(i).put("Identifier", "Participant " + (100 + i));
			table.rows().get(i).put("Full name", names[i]);
		}
		DATAOPS.put(id, table);
		TestBrowser marie = api(MARIE, id);
		long action = filteredAction(marie, id, "Moodle");
		String path = "/workflows/" + id + "/actions/" + action + "/zip";
		Map<String, String> files = unzip(post(marie, path,
				Map.of("keyColumn", "Identifier", "nameColumn", "Full name", "suffix", "", "moodle", "true"))
			.body());
		assertThat(files).containsOnlyKeys("Ana López_100_assignsubmission_file_feedback.html",
				"Ben Ng_101_assignsubmission_file_feedback.html", "Dan Wu_103_assignsubmission_file_feedback.html");
		assertThat(files.get("Ben Ng_101_assignsubmission_file_feedback.html")).contains("Dear Ben");

		// Moodle needs two different columns and its own participant values
		HttpResponse<byte[]> oneColumn = post(marie, path,
				Map.of("keyColumn", "Identifier", "nameColumn", "", "moodle", "true"));
		assertThat(oneColumn.statusCode()).isEqualTo(400);
		assertThat(new String(oneColumn.body(), StandardCharsets.UTF_8)).contains("two different columns");
		HttpResponse<byte[]> notParticipants = post(marie, path,
				Map.of("keyColumn", "Email", "nameColumn", "Full name", "moodle", "true"));
		assertThat(notParticipants.statusCode()).isEqualTo(400);
		assertThat(new String(notParticipants.body(), StandardCharsets.UTF_8))
			.contains("values like &quot;Participant 123&quot;")
			.contains("ana@example.org");
	}

	@Test
	void badRequestsShowTheFormWithTheReasonAndOthersCannotExport() {
		long id = workflow("ZIP refused", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = filteredAction(marie, id, "Refused");
		String path = "/workflows/" + id + "/actions/" + action + "/zip";
		HttpResponse<byte[]> noColumn = post(marie, path, Map.of("keyColumn", "Nope"));
		assertThat(noColumn.statusCode()).isEqualTo(400);
		assertThat(new String(noColumn.body(), StandardCharsets.UTF_8)).contains("no column &quot;Nope&quot;");

		long nobody = createAction(marie, id, "{\"name\":\"Nobody\",\"type\":\"personalized_text\",\"text\":\"x\","
				+ "\"filter\":{\"condition\":\"AND\",\"rules\":[{\"id\":\"Days online\",\"field\":\"Days online\","
				+ "\"type\":\"integer\",\"operator\":\"greater\",\"value\":\"1000\"}]}}");
		HttpResponse<byte[]> empty = post(marie, "/workflows/" + id + "/actions/" + nobody + "/zip",
				Map.of("keyColumn", "Email"));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(new String(empty.body(), StandardCharsets.UTF_8)).contains("Nobody is selected");

		assertThat(signedIn(PIERRE).get(path).statusCode()).isEqualTo(404);
	}

}
