package org.ontask.auth.user;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * An account was deactivated: it can no longer sign in, its sessions end and its API
 * tokens stop working.
 *
 * @param userId the account id
 * @param email the email, lower case
 * @param deactivatedAt when
 */
@Externalized("auth.events::user.deactivated")
public record UserDeactivated(long userId, String email, Instant deactivatedAt) {

}
