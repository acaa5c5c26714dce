package org.ontask.action.action;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * No such action (or condition) in a workflow the user may open; the same answer for
 * both, so ids cannot be probed.
 */
public class ActionNotFoundException extends ResponseStatusException {

	ActionNotFoundException(long workflowId, long actionId) {
		super(HttpStatus.NOT_FOUND, "There is no action " + actionId + " in workflow " + workflowId + ".");
	}

	ActionNotFoundException(String what) {
		super(HttpStatus.NOT_FOUND, what);
	}

}
