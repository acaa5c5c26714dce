package org.ontask.auth.user;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Password sign-in looks accounts up by email, in any case. The effective roles (the
 * account's own and its groups') become {@code ROLE_<name>} authorities, which every
 * service reads from the shared session. A deactivated account cannot sign in.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

	private final UserAccountService accounts;

	AccountUserDetailsService(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		UserAccount account = this.accounts.findByEmail(email)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		return User.withUsername(account.getEmail())
			.password((account.getPasswordHash() != null) ? account.getPasswordHash() : "{noop}")
			.disabled(!account.isActive() || account.getPasswordHash() == null)
			.authorities(this.accounts.effectiveRoles(account)
				.stream()
				.map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name()))
				.toList())
			.build();
	}

}
