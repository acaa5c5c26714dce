package org.ontask.action.serve;

import java.time.Instant;

/**
 * New serve settings, as the API takes them; an absent part is off, no bound, the email
 * column, no shuffle.
 *
 * @param enabled whether learners can open the page
 * @param activeFrom from when, null for no start
 * @param activeTo until when, null for no end
 * @param learnerColumn the column with the learners' emails, null for the email column
 * @param shuffle surveys: shuffle the questions per learner
 */
public record ServeSettingsRequest(Boolean enabled, Instant activeFrom, Instant activeTo, String learnerColumn,
		Boolean shuffle) {

	ServeSettings settings() {
		return new ServeSettings(Boolean.TRUE.equals(this.enabled), this.activeFrom, this.activeTo, this.learnerColumn,
				Boolean.TRUE.equals(this.shuffle));
	}

}
