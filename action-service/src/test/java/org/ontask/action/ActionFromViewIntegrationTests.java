package org.ontask.action;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating an action from a view (issue 6 item 1): the create form offers the workflow's
 * views and the new action takes the view's filter.
 */
class ActionFromViewIntegrationTests extends WorkflowScenarios {

	private static final String GONE = "{\"condition\":\"AND\",\"rules\":[{\"id\":\"Gone\",\"field\":\"Gone\","
			+ "\"type\":\"string\",\"operator\":\"equal\",\"value\":\"x\"}]}";

	private static Map<String, Object> view(long viewId, String name, String filter, String filterText) {
		Map<String, Object> view = new HashMap<>();
		view.put("id", viewId);
		view.put("name", name);
		view.put("description", "");
		view.put("columns", List.of("Email", "Score"));
		view.put("filter", (filter != null) ? JSON.readTree(filter) : null);
		view.put("filterText", filterText);
		return view;
	}

	private long withViews(String name) {
		long id = workflow(name, tutorialTable());
		DATAOPS.views.put(id, List.of(view(71, "Low <scorers>", LOW_SCORE, "Score < 50"), view(72, "All", null, ""),
				view(73, "Stale", GONE, "Gone = x")));
		return id;
	}

	@Test
	void theCreateFormOffersTheViewsAndTheActionTakesTheViewsFilter() {
		long id = withViews("From a view");
		TestBrowser marie = api(MARIE, id);
		String page = marie.get("/workflows/" + id + "/actions").body();
		assertThat(page).contains("name=\"viewId\"")
			.contains("Those of the view Low &lt;scorers&gt;: Score &lt; 50")
			.contains("value=\"72\"");

		HttpResponse<String> created = marie.submit("/workflows/" + id + "/actions",
				Map.of("name", "Catch up", "type", "personalized_text", "description", "", "viewId", "71"));
		assertThat(created.statusCode()).isEqualTo(302);
		JsonNode actions = getJson(marie, "/api/workflows/" + id + "/actions");
		JsonNode action = actions.get(0);
		assertThat(action.get("name").asString()).isEqualTo("Catch up");
		assertThat(action.get("filter").get("rules").get(0).get("field").asString()).isEqualTo("Score");
		JsonNode counts = getJson(marie, "/api/workflows/" + id + "/actions/" + action.get("id").asLong() + "/counts");
		assertThat(counts.get("total").asLong()).isEqualTo(1);

		// a view without a filter: every learner
		HttpResponse<String> everyone = marie.postJson("/api/workflows/" + id + "/actions/from-view",
				"{\"viewId\":72,\"name\":\"Everyone\",\"type\":\"personalized_text\"}");
		assertThat(everyone.statusCode()).as(everyone.body()).isEqualTo(201);
		long everyoneId = JSON.readTree(everyone.body()).get("id").asLong();
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions/" + everyoneId + "/counts").get("total").asLong())
			.isEqualTo(4);

		// without a view, as before
		assertThat(marie
			.submit("/workflows/" + id + "/actions",
					Map.of("name", "Plain", "type", "personalized_text", "description", "", "viewId", ""))
			.statusCode()).isEqualTo(302);
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions")).hasSize(3);
	}

	@Test
	void unknownOrStaleViewsAndOtherUsersAreRefusedWithNothingCreated() {
		long id = withViews("Bad views");
		TestBrowser marie = api(MARIE, id);
		HttpResponse<String> unknown = marie.postJson("/api/workflows/" + id + "/actions/from-view",
				"{\"viewId\":999,\"name\":\"Nope\",\"type\":\"personalized_text\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("no view 999");
		HttpResponse<String> missing = marie.postJson("/api/workflows/" + id + "/actions/from-view",
				"{\"name\":\"Nope\",\"type\":\"personalized_text\"}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("Choose the view");
		HttpResponse<String> stale = marie.postJson("/api/workflows/" + id + "/actions/from-view",
				"{\"viewId\":73,\"name\":\"Stale\",\"type\":\"personalized_text\"}");
		assertThat(stale.statusCode()).isEqualTo(400);
		assertThat(stale.body()).contains("Gone");

		marie.get("/workflows/" + id + "/actions");
		HttpResponse<String> page = marie.submit("/workflows/" + id + "/actions",
				Map.of("name", "Form", "type", "personalized_text", "description", "", "viewId", "999"));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("no view 999").contains("value=\"Form\"");

		TestBrowser pierre = api(PIERRE, id);
		assertThat(pierre
			.postJson("/api/workflows/" + id + "/actions/from-view",
					"{\"viewId\":71,\"name\":\"Theirs\",\"type\":\"personalized_text\"}")
			.statusCode()).isEqualTo(404);
		assertThat(getJson(marie, "/api/workflows/" + id + "/actions")).isEmpty();
	}

}
