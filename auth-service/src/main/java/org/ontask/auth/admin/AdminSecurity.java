package org.ontask.auth.admin;

import org.ontask.platform.web.HttpSecurityCustomizer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.stereotype.Component;

/**
 * Administration is for administrators only, checked on the server for every request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminSecurity implements HttpSecurityCustomizer {

	@Override
	public void customize(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/admin/**", "/api/users", "/api/users/**").hasRole("ADMIN"));
	}

}
