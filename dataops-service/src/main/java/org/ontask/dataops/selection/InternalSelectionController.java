package org.ontask.dataops.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ontask.dataops.selection.SelectionService.Selection;
import org.ontask.dataops.store.TableStore;
import org.ontask.workflowaccess.WorkflowAccess;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The table as action-service sees it, over signed service-to-service calls: the columns,
 * and rows selected by a filter with named conditions evaluated in the same query. The
 * platform authenticates the call as the acting user; the workflow must be open to them
 * (404 otherwise).
 */
@RestController
class InternalSelectionController {

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final SelectionService selections;

	InternalSelectionController(WorkflowAccess workflows, TableStore store, SelectionService selections) {
		this.workflows = workflows;
		this.store = store;
		this.selections = selections;
	}

	@GetMapping(path = "/internal/workflows/{id}/columns", produces = MediaType.APPLICATION_JSON_VALUE)
	List<InternalColumn> columns(@PathVariable long id, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return this.store.columns(id)
			.stream()
			.map((c) -> new InternalColumn(c.name(), c.type().label(), c.key(), c.categories(), c.description()))
			.toList();
	}

	@PostMapping(path = "/internal/workflows/{id}/selection", produces = MediaType.APPLICATION_JSON_VALUE,
			consumes = MediaType.APPLICATION_JSON_VALUE)
	Selection select(@PathVariable long id, @RequestBody SelectionRequest request, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		Map<String, String> conditions = new LinkedHashMap<>();
		if (request.conditions() != null) {
			request.conditions().forEach((name, formula) -> conditions.put(name, json(formula)));
		}
		return this.selections.select(id, json(request.filter()), conditions, request.columns(),
				(request.offset() != null) ? request.offset() : 0, (request.limit() != null) ? request.limit() : 100);
	}

	/** Formulas arrive as JSON objects, or as the JSON text stored by the caller. */
	private static String json(JsonNode formula) {
		if (formula == null || formula.isNull() || formula.isMissingNode()) {
			return null;
		}
		return formula.isString() ? formula.stringValue() : formula.toString();
	}

	/**
	 * A column as action-service needs it.
	 *
	 * @param name the name
	 * @param type integer, double, string, boolean or datetime
	 * @param key whether it is a key column
	 * @param categories allowed values (empty: any)
	 * @param description what the column holds (a survey question's default text)
	 */
	record InternalColumn(String name, String type, boolean key, List<String> categories, String description) {

	}

	/**
	 * A selection request.
	 *
	 * @param filter the filter formula, or null for every row
	 * @param conditions named conditions
	 * @param columns the columns to return, or null for all
	 * @param offset rows to skip (default 0)
	 * @param limit rows to return (default 100; 0 for counts only)
	 */
	record SelectionRequest(JsonNode filter, Map<String, JsonNode> conditions, List<String> columns, Long offset,
			Integer limit) {

	}

}
