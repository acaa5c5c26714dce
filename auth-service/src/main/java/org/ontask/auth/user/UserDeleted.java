package org.ontask.auth.user;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * An account was deleted (only possible once it owns no workflows).
 *
 * @param userId the account id
 * @param email the email, lower case
 * @param deletedAt when
 */
@Externalized("auth.events::user.deleted")
public record UserDeleted(long userId, String email, Instant deletedAt) {

}
