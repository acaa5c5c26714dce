package org.ontask.action.zip;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A ZIP export that cannot be made as asked; the message says why.
 */
public class InvalidZipException extends ResponseStatusException {

	InvalidZipException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
