package org.ontask.dataops.store;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Data or an operation the table refuses, with a message for the user (it names the line,
 * column or value at fault). Nothing has changed when it is thrown. Rendered as 400 by
 * the platform's error handling (Problem Details for the API, the error page for
 * browsers); pages usually catch it and show the message in the form.
 */
public class DataRejectedException extends ResponseStatusException {

	/**
	 * A refusal.
	 * @param message what is wrong, for the user
	 */
	public DataRejectedException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

	/**
	 * A refusal with another status (e.g. 409 for a conflict, 413 for a file too large).
	 * @param status the HTTP status
	 * @param message what is wrong, for the user
	 */
	public DataRejectedException(HttpStatus status, String message) {
		super(status, message);
	}

	@Override
	public String getMessage() {
		return getReason();
	}

}
