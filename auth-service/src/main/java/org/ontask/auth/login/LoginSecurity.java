package org.ontask.auth.login;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ontask.auth.user.UserAccountService;
import org.ontask.platform.web.HttpSecurityCustomizer;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adds the password form and sign-out to the shared security chain. Sign-in changes the
 * session id (no fixation); sign-out deletes the session from Redis, which ends it in
 * every service at once.
 */
@Component
class LoginSecurity implements HttpSecurityCustomizer {

	private final UserAccountService accounts;

	private final LoginThrottle throttle;

	LoginSecurity(UserAccountService accounts, StringRedisTemplate redis, LoginThrottle.Settings settings,
			@Value("${ontask.redis.key-prefix:auth:}") String keyPrefix) {
		this.accounts = accounts;
		this.throttle = new LoginThrottle(redis, settings, keyPrefix);
	}

	@Override
	public void customize(org.springframework.security.config.annotation.web.builders.HttpSecurity http)
			throws Exception {
		http.formLogin((form) -> form.loginPage("/login")
			.loginProcessingUrl("/login")
			.usernameParameter("email")
			.passwordParameter("password")
			.successHandler(successHandler())
			.failureHandler(this::failed)
			.permitAll());
		http.addFilterBefore(this.throttle, UsernamePasswordAuthenticationFilter.class);
		// an LMS posts launches from its own site; they are authenticated by their
		// signature
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/lti/launch", "/lti_entry"));
		http.logout((logout) -> logout.logoutUrl("/logout")
			.logoutSuccessUrl("/login?logout")
			.invalidateHttpSession(true)
			.deleteCookies("SESSION"));
	}

	private void failed(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws IOException {
		this.throttle.failed(request);
		response.sendRedirect(UriComponentsBuilder.fromPath("/login")
			.queryParam("error")
			.queryParamIfPresent("next",
					java.util.Optional.ofNullable(request.getParameter("next")).filter((n) -> !n.isBlank()))
			.encode()
			.build()
			.toUriString());
	}

	private AuthenticationSuccessHandler successHandler() {
		return new AuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws IOException {
				LoginSecurity.this.throttle.succeeded(request);
				LoginSecurity.this.accounts.findByEmail(authentication.getName())
					.ifPresent((account) -> request.getSession()
						.setAttribute(OnTaskSession.DISPLAY_NAME, account.getDisplayName()));
				response.sendRedirect(LocalRedirect.orHome(request.getParameter("next")));
			}
		};
	}

}
