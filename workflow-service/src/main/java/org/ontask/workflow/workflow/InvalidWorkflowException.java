package org.ontask.workflow.workflow;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request to create or change a workflow that cannot be carried out as given; the
 * message says what to fix.
 */
public class InvalidWorkflowException extends ResponseStatusException {

	private final String field;

	InvalidWorkflowException(String field, String message) {
		this(HttpStatus.BAD_REQUEST, field, message);
	}

	InvalidWorkflowException(HttpStatus status, String field, String message) {
		super(status, message);
		this.field = field;
	}

	/**
	 * The input field that is wrong.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

}
