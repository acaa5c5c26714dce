package org.ontask.action;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rubric editor page (issue 6 item 1, rubric_text): criteria by levels with feedback
 * cells, saved through the form, checked like the rubric API.
 */
class RubricEditorIntegrationTests extends WorkflowScenarios {

	private long rubricAction(TestBrowser marie, long id) {
		return createAction(marie, id, "{\"name\":\"Rubric\",\"type\":\"rubric_text\",\"subject\":\"Rubric\","
				+ "\"text\":\"<p>Dear {{ Given name }},</p>{% ot_insert_rubric_feedback %}\"}");
	}

	@Test
	void criteriaAreAddedFilledSavedAndReachTheMessages() {
		long id = workflow("Rubric page", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = rubricAction(marie, id);
		String path = "/workflows/" + id + "/actions/" + action + "/rubric";
		assertThat(marie.get("/workflows/" + id + "/actions/" + action).body()).contains(path);
		String empty = marie.get(path).body();
		assertThat(empty).contains("No criteria yet").contains("<option value=\"Effort\">Effort</option>");

		HttpResponse<String> added = marie.submit(path, Map.of("add", "Effort"));
		assertThat(added.statusCode()).isEqualTo(302);
		String page = marie.get(path).body();
		assertThat(page).contains("name=\"c0\" value=\"Effort\"")
			.contains(">low<")
			.contains(">high<")
			.contains("name=\"f0_1\"");

		Map<String, String> form = new HashMap<>();
		form.put("c0", "Effort");
		form.put("d0_0", "Little effort");
		form.put("f0_0", "Try <b>harder</b> & ask.");
		form.put("d0_1", "Much effort");
		form.put("f0_1", "Keep it up.");
		HttpResponse<String> saved = marie.submit(path, form);
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith(path + "?done=saved");
		String after = marie.get(path + "?done=saved").body();
		assertThat(after).contains("Rubric saved").contains("Try &lt;b&gt;harder&lt;/b&gt; &amp; ask.");
		JsonNode rubric = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/rubric");
		assertThat(rubric).hasSize(2);
		assertThat(rubric.get(0).get("feedback").asString()).isEqualTo("Try <b>harder</b> & ask.");

		// Ben (score 40, effort low) gets the low level's feedback, escaped
		JsonNode ben = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/preview?row=2");
		assertThat(ben.get("text").asString()).contains("Dear Ben")
			.contains("Try &lt;b&gt;harder&lt;/b&gt; &amp; ask.")
			.doesNotContain("Keep it up.");

		// removing the criterion removes its cells
		form.put("remove", "Effort");
		assertThat(marie.submit(path, form).statusCode()).isEqualTo(302);
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/rubric")).isEmpty();
	}

	@Test
	void levelsAndColumnsThatDoNotFitAreRefusedAndChangeNothing() {
		long id = workflow("Rubric refused", tutorialTable());
		TestBrowser marie = api(MARIE, id);
		long action = rubricAction(marie, id);
		String path = "/workflows/" + id + "/actions/" + action + "/rubric";
		marie.get(path);
		assertThat(marie.submit(path, Map.of("c0", "Effort", "f0_0", "Fine.")).statusCode()).isEqualTo(302);

		Map<String, String> badLevel = Map.of("c0", "Effort", "f0_0", "Changed.", "f0_7", "Too far.");
		HttpResponse<String> refused = marie.submit(path, badLevel);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("there is no level 7");
		HttpResponse<String> noCategories = marie.submit(path, Map.of("c0", "Note", "f0_0", "x"));
		assertThat(noCategories.statusCode()).isEqualTo(400);
		assertThat(noCategories.body()).contains("has no categories");
		HttpResponse<String> notALevel = marie.submit(path, Map.of("c0", "Effort", "f0_x", "x"));
		assertThat(notALevel.statusCode()).isEqualTo(400);
		assertThat(notALevel.body()).contains("is not a level");
		JsonNode rubric = getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/rubric");
		assertThat(rubric).hasSize(1);
		assertThat(rubric.get(0).get("feedback").asString()).isEqualTo("Fine.");

		// not a rubric; not Marie's workflow for Pierre; no CSRF token
		long text = createAction(marie, id, message("Text"));
		assertThat(marie.get("/workflows/" + id + "/actions/" + text + "/rubric").statusCode()).isEqualTo(400);
		assertThat(signedIn(PIERRE).get(path).statusCode()).isEqualTo(404);
		assertThat(signedIn(MARIE).postRaw(path, "application/x-www-form-urlencoded", "c0=Effort&f0_0=Hacked")
			.statusCode()).isEqualTo(403);
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions/" + action + "/rubric").get(0)
			.get("feedback")
			.asString()).isEqualTo("Fine.");
	}

}
