package org.ontask.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Signs a user in the way auth-service does, by writing a session to the shared session
 * store, so a service can be tested on its own with a real session.
 */
public final class TestSessions {

	private TestSessions() {
	}

	/**
	 * Creates a signed-in session.
	 * @param sessions the service's session repository (Redis)
	 * @param email the user's email
	 * @param displayName the name pages show
	 * @param roles role names without the {@code ROLE_} prefix
	 * @param <S> the session type
	 * @return the value of the {@code SESSION} cookie a browser would send
	 */
	public static <S extends Session> String signIn(SessionRepository<S> sessions, String email, String displayName,
			String... roles) {
		List<SimpleGrantedAuthority> authorities = Arrays.stream(roles)
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		User principal = new User(email, "", authorities);
		principal.eraseCredentials();
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken
			.authenticated(principal, null, authorities);
		S session = sessions.createSession();
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
				new SecurityContextImpl(authentication));
		session.setAttribute("ontask.user.name", displayName);
		sessions.save(session);
		return Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
	}

}
