package org.ontask.scheduler.schedule;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A schedule that cannot be saved as given; the message says what to fix.
 */
public class InvalidScheduleException extends ResponseStatusException {

	private final String field;

	InvalidScheduleException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, message);
		this.field = field;
	}

	/**
	 * The input that is wrong.
	 * @return e.g. {@code runAt}, {@code cron}, {@code end}
	 */
	public String getField() {
		return this.field;
	}

}
