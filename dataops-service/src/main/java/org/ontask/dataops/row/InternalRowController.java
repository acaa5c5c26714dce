package org.ontask.dataops.row;

import java.util.Map;

import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.TableStore;
import org.ontask.workflowaccess.WorkflowAccess;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Type-checked update of one learner's cells for action-service (survey answers), over a
 * signed internal call acting for the user; the workflow must be open to them.
 */
@RestController
class InternalRowController {

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final RowService rows;

	InternalRowController(WorkflowAccess workflows, TableStore store, RowService rows) {
		this.workflows = workflows;
		this.store = store;
		this.rows = rows;
	}

	/**
	 * PATCH is the contract; POST is accepted too because the platform's
	 * {@code InternalCalls} client (HttpURLConnection) cannot send PATCH.
	 */
	@RequestMapping(path = "/internal/workflows/{id}/rows/{rowId}",
			method = { RequestMethod.PATCH, RequestMethod.POST }, consumes = "application/json")
	ResponseEntity<Void> update(@PathVariable long id, @PathVariable long rowId, @RequestBody RowChange change,
			Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		if (change.values() == null || change.values().isEmpty()) {
			throw new DataRejectedException("Give the new values as {\"values\": {\"<column>\": value}}.");
		}
		this.rows.update(id, rowId, this.rows.fromJson(this.store.columns(id), change.values()), user.getName());
		return ResponseEntity.noContent().build();
	}

	/**
	 * New values of some cells.
	 *
	 * @param values value by column name (null empties the cell)
	 */
	record RowChange(Map<String, JsonNode> values) {

	}

}
