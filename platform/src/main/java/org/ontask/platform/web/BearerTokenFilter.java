package org.ontask.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on {@code /api/**}: the token is looked up (by
 * its hash) in Redis on every request, so a revoked or expired token fails at once. A
 * valid token authenticates this request only: nothing is written to a session and no
 * CSRF token is needed (a browser never sends this header by itself). An invalid one gets
 * 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}, whatever the session
 * says.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

	private final ApiTokenStore tokens;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	BearerTokenFilter(ApiTokenStore tokens) {
		this.tokens = tokens;
	}

	/**
	 * Whether a request is an API call carrying a bearer token.
	 * @param request the request
	 * @return true for {@code /api/**} with {@code Authorization: Bearer}
	 */
	static boolean isBearerApiRequest(HttpServletRequest request) {
		return isApi(request) && token(request) != null;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isBearerApiRequest(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<ApiTokenStore.Holder> holder;
		try {
			holder = this.tokens.verify(token(request));
		}
		catch (DataAccessException ex) {
			log.warn("API tokens cannot be checked: {}", ex.getMessage());
			ProblemAuthenticationEntryPoint.writeProblem(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					"Service Unavailable", "API tokens cannot be checked at the moment. Please try again shortly.",
					request.getRequestURI());
			return;
		}
		if (holder.isEmpty()) {
			response.setHeader("WWW-Authenticate",
					"Bearer error=\"invalid_token\", error_description=\"The token is unknown, revoked or expired\"");
			ProblemAuthenticationEntryPoint.writeProblem(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
					"The API token is unknown, revoked or expired.", request.getRequestURI());
			return;
		}
		List<SimpleGrantedAuthority> authorities = holder.get()
			.roles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		User principal = new User(holder.get().email(), "", authorities);
		principal.eraseCredentials();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new ApiTokenAuthentication(principal, authorities));
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

	private static boolean isApi(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/");
	}

	/** The token of an {@code Authorization: Bearer} header, blank when it has none. */
	private static String token(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || header.length() < 6
				|| !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")) {
			return null;
		}
		if (header.length() > 6 && header.charAt(6) != ' ') {
			return null;
		}
		return header.substring(6).strip();
	}

}
