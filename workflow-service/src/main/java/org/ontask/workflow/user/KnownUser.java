package org.ontask.workflow.user;

/**
 * An account as this service knows it.
 *
 * @param email the email, lower case
 * @param name the display name, or null when none was announced
 * @param active whether it can sign in
 */
public record KnownUser(String email, String name, boolean active) {

	/**
	 * What pages show for the account.
	 * @return the name, or the email when there is none
	 */
	public String displayName() {
		return (this.name != null && !this.name.isBlank()) ? this.name : this.email;
	}

}
