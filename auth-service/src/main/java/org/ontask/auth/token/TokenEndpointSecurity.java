package org.ontask.auth.token;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.ontask.auth.login.LoginThrottle;
import org.ontask.platform.web.HttpSecurityCustomizer;

import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic (email and password) on {@code /api/auth/tokens} and nowhere else, so a
 * script can get a token without a browser. Every attempt goes through the sign-in
 * throttle, like the sign-in form: repeated failures slow down and then lock the email
 * and the address (429 with {@code Retry-After}). It authenticates that one request: no
 * session is created, and no CSRF token is needed (a browser never sends Basic
 * credentials to this path unless a script tells it to).
 */
@Component
class TokenEndpointSecurity implements HttpSecurityCustomizer {

	private static final String PATH = "/api/auth/tokens";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LoginThrottle throttle;

	private final DaoAuthenticationProvider passwords;

	TokenEndpointSecurity(LoginThrottle throttle, UserDetailsService users, PasswordEncoder passwordEncoder) {
		this.throttle = throttle;
		this.passwords = new DaoAuthenticationProvider(users);
		this.passwords.setPasswordEncoder(passwordEncoder);
	}

	@Override
	public void customize(HttpSecurity http) throws Exception {
		http.addFilterBefore(new BasicOnTokenEndpoint(), CsrfFilter.class);
		http.csrf((csrf) -> csrf.ignoringRequestMatchers(TokenEndpointSecurity::isBasicOnTokenEndpoint));
	}

	static boolean isBasicOnTokenEndpoint(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!(path.equals(PATH) || path.startsWith(PATH + "/"))) {
			return false;
		}
		String header = request.getHeader("Authorization");
		return header != null && header.length() > 6
				&& header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ");
	}

	private static void problem(HttpServletResponse response, int status, String title, String detail, String path)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.put("instance", path);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body));
	}

	private final class BasicOnTokenEndpoint extends OncePerRequestFilter {

		private final BasicAuthenticationConverter converter = new BasicAuthenticationConverter();

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !isBasicOnTokenEndpoint(request);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			UsernamePasswordAuthenticationToken attempt;
			try {
				attempt = this.converter.convert(request);
			}
			catch (AuthenticationException ex) {
				attempt = null;
			}
			if (attempt == null) {
				refuse(request, response);
				return;
			}
			String email = attempt.getName().strip().toLowerCase(Locale.ROOT);
			LoginThrottle.Decision decision = TokenEndpointSecurity.this.throttle.check(email, request);
			if (!decision.allowed()) {
				response.setHeader("Retry-After", Long.toString(Math.max(1, decision.retryAfter().toSeconds())));
				problem(response, 429, "Too Many Requests",
						"Too many failed sign-ins for this account or address. Try again later.",
						request.getRequestURI());
				return;
			}
			Authentication result;
			try {
				result = TokenEndpointSecurity.this.passwords
					.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, attempt.getCredentials()));
			}
			catch (AuthenticationException ex) {
				TokenEndpointSecurity.this.throttle.failed(email, request);
				refuse(request, response);
				return;
			}
			TokenEndpointSecurity.this.throttle.succeeded(email);
			List<GrantedAuthority> authorities = List.copyOf(result.getAuthorities());
			User principal = new User(result.getName(), "", authorities);
			principal.eraseCredentials();
			SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
			// this request only: nothing is saved to a session
			SecurityContextHolder.getContextHolderStrategy().setContext(context);
			chain.doFilter(request, response);
		}

		private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
			response.setHeader("WWW-Authenticate", "Basic realm=\"OnTask API tokens\", charset=\"UTF-8\"");
			problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
					"The email or password is not right.", request.getRequestURI());
		}

	}

}
