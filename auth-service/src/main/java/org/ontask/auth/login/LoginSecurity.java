package org.ontask.auth.login;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ontask.auth.user.UserAccountService;
import org.ontask.platform.web.HttpSecurityCustomizer;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adds the password form, sign-out and (when enabled) trusted-header sign-in to the
 * shared security chain. Sign-in changes the session id (no fixation); sign-out deletes
 * the session from Redis, which ends it in every service at once.
 */
@Component
class LoginSecurity implements HttpSecurityCustomizer {

	private final UserAccountService accounts;

	private final LoginThrottle throttle;

	private final TrustedHeaderSignIn.Settings trustedHeader;

	LoginSecurity(UserAccountService accounts, LoginThrottle throttle, TrustedHeaderSignIn.Settings trustedHeader) {
		this.accounts = accounts;
		this.throttle = throttle;
		this.trustedHeader = trustedHeader;
	}

	@Override
	public void customize(HttpSecurity http) throws Exception {
		http.formLogin((form) -> form.loginPage("/login")
			.loginProcessingUrl("/login")
			.usernameParameter("email")
			.passwordParameter("password")
			.successHandler(successHandler())
			.failureHandler(this::failed)
			.permitAll());
		http.addFilterBefore(new FormThrottle(), UsernamePasswordAuthenticationFilter.class);
		if (this.trustedHeader.enabled()) {
			http.addFilterBefore(new TrustedHeaderSignIn(this.trustedHeader, this.accounts),
					UsernamePasswordAuthenticationFilter.class);
		}
		// an LMS posts launches from its own site; they are authenticated by their
		// signature
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/lti/launch", "/lti_entry"));
		http.logout((logout) -> logout.logoutUrl("/logout")
			.logoutSuccessUrl("/login?logout")
			.invalidateHttpSession(true)
			.deleteCookies("SESSION"));
	}

	private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.throttle.failed(request.getParameter("email"), request);
		response.sendRedirect(UriComponentsBuilder.fromPath("/login")
			.queryParam("error")
			.queryParamIfPresent("next", Optional.ofNullable(request.getParameter("next")).filter((n) -> !n.isBlank()))
			.encode()
			.build()
			.toUriString());
	}

	private AuthenticationSuccessHandler successHandler() {
		return new AuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws IOException {
				LoginSecurity.this.throttle.succeeded(request.getParameter("email"));
				LoginSecurity.this.accounts.findByEmail(authentication.getName())
					.ifPresent((account) -> request.getSession()
						.setAttribute(OnTaskSession.DISPLAY_NAME, account.getDisplayName()));
				response.sendRedirect(LocalRedirect.orHome(request.getParameter("next")));
			}
		};
	}

	/**
	 * Refuses a form sign-in the throttle does not allow, before the password is checked.
	 */
	private final class FormThrottle extends OncePerRequestFilter {

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			LoginThrottle.Decision decision = LoginSecurity.this.throttle.check(request.getParameter("email"), request);
			switch (decision.outcome()) {
				case LOCKED -> response.sendRedirect("/login?locked");
				case WAIT -> response.sendRedirect("/login?wait");
				default -> chain.doFilter(request, response);
			}
		}

	}

}
