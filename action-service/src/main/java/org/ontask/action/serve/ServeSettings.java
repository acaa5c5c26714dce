package org.ontask.action.serve;

import java.time.Instant;

/**
 * Whether and when an action is served to its learners.
 *
 * @param enabled whether the page is on
 * @param activeFrom from when it is open, null for no start
 * @param activeTo until when it is open, null for no end
 * @param learnerColumn the column with the learners' emails, null for the table's email
 * column
 * @param shuffle surveys: questions in a stable order of their own per learner
 */
public record ServeSettings(boolean enabled, Instant activeFrom, Instant activeTo, String learnerColumn,
		boolean shuffle) {

	static final ServeSettings OFF = new ServeSettings(false, null, null, null, false);

	/**
	 * Whether the page is on and within its window at an instant.
	 * @param now the instant
	 * @return true when learners may use it
	 */
	public boolean openAt(Instant now) {
		return this.enabled && (this.activeFrom == null || !now.isBefore(this.activeFrom))
				&& (this.activeTo == null || now.isBefore(this.activeTo));
	}

}
