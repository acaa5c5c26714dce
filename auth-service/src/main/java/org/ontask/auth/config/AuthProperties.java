package org.ontask.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * auth-service settings, prefix {@code auth}.
 *
 * @param admin the administrator account created on first start
 */
@ConfigurationProperties("auth")
public record AuthProperties(@DefaultValue Admin admin) {

	/**
	 * The first administrator, from {@code ONTASK_ADMIN_EMAIL} and
	 * {@code ONTASK_ADMIN_PASSWORD}.
	 *
	 * @param email the email, blank for none
	 * @param password the password, blank for none
	 * @param name the display name
	 */
	public record Admin(String email, String password, @DefaultValue("Administrator") String name) {

		/**
		 * Whether an administrator is configured.
		 * @return true when both email and password are set
		 */
		public boolean isConfigured() {
			return this.email != null && !this.email.isBlank() && this.password != null && !this.password.isBlank();
		}

	}

}
