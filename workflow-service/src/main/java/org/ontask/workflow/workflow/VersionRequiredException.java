package org.ontask.workflow.workflow;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A change that does not say which version of the workflow it is based on, so it could
 * overwrite someone else's change unseen.
 */
public class VersionRequiredException extends ResponseStatusException {

	VersionRequiredException() {
		super(HttpStatus.PRECONDITION_REQUIRED, "Send the version your change is based on: the If-Match header "
				+ "with the ETag you read, or a \"version\" field.");
	}

}
