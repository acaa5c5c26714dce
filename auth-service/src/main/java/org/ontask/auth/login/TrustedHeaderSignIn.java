package org.ontask.auth.login;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Trusted-header sign-in (the original's {@code REMOTE_USER}), for a single-sign-on proxy
 * (SAML, Shibboleth) in front of OnTask: when enabled, a request whose direct peer is a
 * trusted forwarder (the gateway, which passes the header on only from the configured
 * proxies and removes it from everyone else) and that carries the header signs in that
 * email, in a new session, creating the account with the configured role if there is
 * none. The header from any other address is ignored, whatever {@code X-Forwarded-For}
 * claims.
 */
class TrustedHeaderSignIn extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(TrustedHeaderSignIn.class);

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final Settings settings;

	private final Pattern forwarders;

	private final UserAccountService accounts;

	TrustedHeaderSignIn(Settings settings, UserAccountService accounts) {
		this.settings = settings;
		this.forwarders = Pattern.compile(settings.forwarders().isBlank() ? "(?!)" : settings.forwarders());
		this.accounts = accounts;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// API clients authenticate with their own credentials
		return request.getHeader(this.settings.header()) == null || request.getHeader("Authorization") != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String peer = directPeer(request);
		if (!this.forwarders.matcher(peer).matches()) {
			log.warn("Ignored the {} header from {}, which is not a trusted forwarder", this.settings.header(), peer);
			chain.doFilter(request, response);
			return;
		}
		String email = request.getHeader(this.settings.header()).strip().toLowerCase(Locale.ROOT);
		if (!EMAIL.matcher(email).matches() || email.length() > 320) {
			log.warn("Ignored the {} header: its value is not an email address", this.settings.header());
			chain.doFilter(request, response);
			return;
		}
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)
				&& email.equals(current.getName())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<UserAccount> existing = this.accounts.findByEmail(email);
		UserAccount account = existing.orElseGet(() -> this.accounts.vouchedFor(email, null, this.settings.role()));
		if (!account.isActive()) {
			log.warn("Trusted-header sign-in refused for {}: the account is deactivated", email);
			chain.doFilter(request, response);
			return;
		}
		SessionSignIn.signIn(account, request, response);
		log.info("Signed in {} from the {} header", email, this.settings.header());
		chain.doFilter(request, response);
	}

	/**
	 * The address of the connection itself, under the forwarded address that
	 * {@code X-Forwarded-For} put in front of it.
	 */
	private static String directPeer(ServletRequest request) {
		ServletRequest inner = request;
		while (inner instanceof ServletRequestWrapper wrapper) {
			inner = wrapper.getRequest();
		}
		return inner.getRemoteAddr();
	}

	/**
	 * Trusted-header sign-in, prefix {@code auth.trusted-header}.
	 *
	 * @param enabled whether the header signs anyone in
	 * @param header the header holding the email
	 * @param forwarders regex of the direct peers the header is taken from (the gateway)
	 * @param role the role of an account the header creates
	 */
	@ConfigurationProperties("auth.trusted-header")
	record Settings(@DefaultValue("false") boolean enabled, @DefaultValue("X-Remote-User") String header,
			@DefaultValue("") String forwarders, @DefaultValue("LEARNER") Role role) {

	}

}
