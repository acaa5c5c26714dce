package org.ontask.action.serve;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A learner page setting or question that cannot be saved as given; the message says what
 * to fix.
 */
public class InvalidServeException extends ResponseStatusException {

	InvalidServeException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
