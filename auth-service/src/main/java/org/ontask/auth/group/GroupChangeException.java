package org.ontask.auth.group;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A change to a group that cannot be made as asked; the message says why.
 */
public class GroupChangeException extends ResponseStatusException {

	GroupChangeException(HttpStatus status, String message) {
		super(status, message);
	}

}
