package org.ontask.action.run;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A run that cannot start as asked; the message says why.
 */
public class InvalidRunException extends ResponseStatusException {

	InvalidRunException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
