package org.ontask.action.dataops;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/**
 * dataops-service refused a request (e.g. a formula it cannot use): answered with its
 * status and message.
 */
public class DataopsRefusedException extends ResponseStatusException {

	DataopsRefusedException(HttpStatusCode status, String message) {
		super(status, message);
	}

}
