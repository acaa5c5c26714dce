package org.ontask.action.importing;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * An export file that cannot be imported as it is; nothing was created and the message
 * says why.
 */
public class ImportRefusedException extends ResponseStatusException {

	ImportRefusedException(String message) {
		this(HttpStatus.BAD_REQUEST, message);
	}

	ImportRefusedException(HttpStatus status, String message) {
		super(status, message);
	}

}
