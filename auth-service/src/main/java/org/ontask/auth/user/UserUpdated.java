package org.ontask.auth.user;

import java.time.Instant;
import java.util.List;

import org.springframework.modulith.events.Externalized;

/**
 * An account's name or effective roles (its own and its groups') changed, or it was
 * reactivated.
 *
 * @param userId the account id
 * @param email the email, lower case
 * @param name the display name
 * @param roles the effective role names now
 * @param updatedAt when
 */
@Externalized("auth.events::user.updated")
public record UserUpdated(long userId, String email, String name, List<String> roles, Instant updatedAt) {

	static UserUpdated of(UserAccount account, java.util.Set<Role> effectiveRoles) {
		return new UserUpdated(account.getId(), account.getEmail(), account.getDisplayName(),
				effectiveRoles.stream().map(Role::name).sorted().toList(), Instant.now());
	}

}
