package org.ontask.auth.user;

import java.time.Instant;
import java.util.List;

import org.springframework.modulith.events.Externalized;

/**
 * An account was created (by an administrator, the bootstrap, or an LMS launch).
 *
 * @param userId the account id
 * @param email the email, lower case
 * @param name the display name
 * @param roles the role names
 * @param createdAt when
 */
@Externalized("auth.events::user.created")
public record UserCreated(long userId, String email, String name, List<String> roles, Instant createdAt) {

	static UserCreated of(UserAccount account) {
		return new UserCreated(account.getId(), account.getEmail(), account.getDisplayName(),
				account.getRoles().stream().map(Role::name).sorted().toList(), account.getCreatedAt());
	}

}
