package org.ontask.platform.web;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A request authenticated by an API token ({@code Authorization: Bearer}). It lives for
 * one request and is never saved in a session. The principal is a {@link User} with the
 * email as its name, as for a session, so code reading the user works the same way.
 */
public class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final User principal;

	/**
	 * An authenticated token holder.
	 * @param principal the user
	 * @param authorities the user's {@code ROLE_*} authorities
	 */
	public ApiTokenAuthentication(User principal, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public User getPrincipal() {
		return this.principal;
	}

}
