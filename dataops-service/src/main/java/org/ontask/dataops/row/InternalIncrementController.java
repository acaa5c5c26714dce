package org.ontask.dataops.row;

import org.ontask.workflowaccess.WorkflowAccess;
import tools.jackson.databind.JsonNode;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/workflows/{id}/cells/increment} for action-service (contract C3):
 * adds 1 to an integer column in the rows whose key column equals a value, over a signed
 * internal call acting for a user who must be able to open the workflow.
 */
@RestController
class InternalIncrementController {

	private final WorkflowAccess workflows;

	private final CellIncrements increments;

	InternalIncrementController(WorkflowAccess workflows, CellIncrements increments) {
		this.workflows = workflows;
		this.increments = increments;
	}

	@PostMapping(path = "/internal/workflows/{id}/cells/increment", consumes = "application/json")
	Incremented increment(@PathVariable long id, @RequestBody Increment request, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return new Incremented(this.increments.increment(id, request.keyColumn(), request.keyValue(), request.column(),
				user.getName()));
	}

	/**
	 * What to add 1 to.
	 *
	 * @param keyColumn the column that finds the learner
	 * @param keyValue its value
	 * @param column the integer column to increment
	 */
	record Increment(String keyColumn, JsonNode keyValue, String column) {

	}

	/**
	 * The answer.
	 *
	 * @param updated rows changed
	 */
	record Incremented(long updated) {

	}

}
