package org.ontask.auth.user;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * An account that cannot be created as asked; the message says what to fix.
 */
public class NewAccountException extends ResponseStatusException {

	NewAccountException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
