package org.ontask.workflow.workflow;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The user may open the workflow (it is shared with them) but the operation is its
 * owner's alone: delete, flush, share, transfer.
 */
public class WorkflowForbiddenException extends ResponseStatusException {

	WorkflowForbiddenException(String what) {
		super(HttpStatus.FORBIDDEN, "Only the owner of this workflow can " + what + ".");
	}

}
