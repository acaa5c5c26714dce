package org.ontask.auth.user;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A password change that cannot be made as asked; the message says what to fix.
 */
public class PasswordChangeException extends ResponseStatusException {

	PasswordChangeException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
