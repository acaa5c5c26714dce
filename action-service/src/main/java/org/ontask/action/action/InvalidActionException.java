package org.ontask.action.action;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A change to an action that cannot be made as given; the message says what to fix (and,
 * for a template, where).
 */
public class InvalidActionException extends ResponseStatusException {

	private final String field;

	InvalidActionException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, message);
		this.field = field;
	}

	/**
	 * The input that is wrong.
	 * @return e.g. {@code name}, {@code text}, {@code filter}, {@code condition}
	 */
	public String getField() {
		return this.field;
	}

}
