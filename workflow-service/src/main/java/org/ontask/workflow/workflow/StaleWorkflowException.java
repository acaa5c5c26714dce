package org.ontask.workflow.workflow;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A change based on a version of the workflow that is no longer current: someone else
 * changed it since. The message says who changed what and when; nothing was saved.
 */
public class StaleWorkflowException extends ResponseStatusException {

	StaleWorkflowException(String message) {
		super(HttpStatus.CONFLICT, message);
	}

}
