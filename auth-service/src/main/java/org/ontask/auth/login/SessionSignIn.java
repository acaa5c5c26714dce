package org.ontask.auth.login;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.auth.user.UserAccount;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Signs in someone a trusted source vouches for (an LMS launch, a single-sign-on proxy):
 * always in a new session, so whatever session the browser had is not carried into the
 * sign-in (no fixation), with the same security context a password sign-in stores.
 */
public final class SessionSignIn {

	private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

	private SessionSignIn() {
	}

	/**
	 * Signs a user in.
	 * @param account the user
	 * @param request the request
	 * @param response the response
	 * @return the new session
	 */
	public static HttpSession signIn(UserAccount account, HttpServletRequest request, HttpServletResponse response) {
		HttpSession old = request.getSession(false);
		if (old != null) {
			old.invalidate();
		}
		HttpSession session = request.getSession(true);
		List<SimpleGrantedAuthority> authorities = account.getRoles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		User principal = new User(account.getEmail(), "", authorities);
		principal.eraseCredentials();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
		SecurityContextHolder.setContext(context);
		CONTEXTS.saveContext(context, request, response);
		session.setAttribute(OnTaskSession.DISPLAY_NAME, account.getDisplayName());
		return session;
	}

}
