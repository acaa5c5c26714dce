package org.ontask.action.dataops;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * dataops-service could not be reached, failed, or its circuit is open: the page or API
 * call answers 503 instead of hanging.
 */
public class DataopsUnavailableException extends ResponseStatusException {

	DataopsUnavailableException(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE,
				"The learner table (dataops-service) is not available at the moment. Please try again shortly.", cause);
	}

}
