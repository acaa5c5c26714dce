package org.ontask.platform.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /internal/**} requests by their signature alone, as the acting
 * user with the single authority {@code ROLE_INTERNAL}, and refuses every other request
 * to those paths, whatever session or token it carries. Nothing is stored in a session.
 */
class InternalCallFilter extends OncePerRequestFilter {

	static final String INTERNAL_AUTHORITY = "ROLE_INTERNAL";

	private static final Log logger = LogFactory.getLog(InternalCallFilter.class);

	private final InternalCallSignature signature;

	private final Clock clock;

	InternalCallFilter(InternalCallSignature signature, Clock clock) {
		this.signature = signature;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isInternal(request);
	}

	static boolean isInternal(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/internal") || path.startsWith("/internal/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = (this.signature != null) ? this.signature.refusal(request.getMethod(), pathAndQuery(request),
				request.getHeader(InternalCallSignature.CALLER), request.getHeader(InternalCallSignature.ACTING_USER),
				request.getHeader(InternalCallSignature.TIMESTAMP), request.getHeader(InternalCallSignature.SIGNATURE),
				this.clock.instant()) : "internal calls are not configured on this service (ONTASK_INTERNAL_SECRET)";
		if (refusal != null) {
			// the caller's name is safe to log; the signature and the user are not needed
			logger.warn("Refused internal call to " + request.getRequestURI() + ": " + refusal);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Refused: "
						+ refusal + ".\"}");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(request.getHeader(InternalCallSignature.ACTING_USER),
						null, List.of(new SimpleGrantedAuthority(INTERNAL_AUTHORITY))));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	static String pathAndQuery(HttpServletRequest request) {
		String query = request.getQueryString();
		return (query != null) ? request.getRequestURI() + "?" + query : request.getRequestURI();
	}

}
