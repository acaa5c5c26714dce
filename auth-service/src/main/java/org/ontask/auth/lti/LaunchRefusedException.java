package org.ontask.auth.lti;

/**
 * A launch that must not sign anyone in; the message names the reason and nothing the
 * launch carried.
 */
class LaunchRefusedException extends RuntimeException {

	LaunchRefusedException(String reason) {
		super(reason);
	}

}
