package org.ontask.workflow.workflow;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * No workflow with that id is visible to the user: it does not exist or belongs to
 * someone else (the answer is the same, so ids cannot be probed).
 */
public class WorkflowNotFoundException extends ResponseStatusException {

	WorkflowNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, "There is no workflow " + id + " that you can open.");
	}

}
