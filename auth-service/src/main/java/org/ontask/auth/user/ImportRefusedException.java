package org.ontask.auth.user;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A file of emails that cannot be imported; the message says what to fix, and no account
 * has been created.
 */
public class ImportRefusedException extends ResponseStatusException {

	ImportRefusedException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
