package org.ontask.launcher;

/**
 * A failure the user can act on: its message is printed as is, without a stack trace, and
 * the launcher exits with its code.
 */
class LauncherException extends RuntimeException {

	static final int FAILURE = 1;

	static final int USAGE = 2;

	private final int exitCode;

	LauncherException(String message, int exitCode) {
		super(message);
		this.exitCode = exitCode;
	}

	LauncherException(String message, Throwable cause) {
		super(message, cause);
		this.exitCode = FAILURE;
	}

	int exitCode() {
		return this.exitCode;
	}

}
