package org.ontask.workflow.user;

import java.time.Instant;

/**
 * This service's copy of auth-service's {@code user.deactivated} event.
 *
 * @param userId the account id
 * @param email the email, lower case
 * @param deactivatedAt when
 */
record UserDeactivated(long userId, String email, Instant deactivatedAt) {

}
