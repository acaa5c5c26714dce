package org.ontask.action.delivery;

/**
 * A target URL that cannot be used; the message says why.
 */
public class TargetRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	TargetRefusedException(String message) {
		super(message);
	}

}
