package org.ontask.platform.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Lets a service add its own rules (its login form, role checks on its paths) to the
 * shared security filter chain. Customizers run before the shared rules, so their request
 * matchers take precedence over the final "everything else needs a signed-in user".
 */
@FunctionalInterface
public interface HttpSecurityCustomizer {

	/**
	 * Adds rules to the chain being built.
	 * @param http the builder
	 * @throws Exception as {@link HttpSecurity} methods do
	 */
	void customize(HttpSecurity http) throws Exception;

}
