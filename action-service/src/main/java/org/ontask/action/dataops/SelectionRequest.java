package org.ontask.action.dataops;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Which learners to select and what to compute for them.
 *
 * @param filter the action's filter formula, null for every learner
 * @param conditions formulas whose count (within the filter) and truth per row are wanted
 * @param columns the columns whose values to return, null for all
 * @param offset how many selected learners to skip
 * @param limit how many rows to return; 0 for counts only
 */
public record SelectionRequest(JsonNode filter, Map<String, JsonNode> conditions, List<String> columns, int offset,
		int limit) {

}
