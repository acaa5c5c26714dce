package org.ontask.workflow.user;

import java.time.Instant;

/**
 * This service's copy of auth-service's {@code user.deleted} event.
 *
 * @param userId the account id
 * @param email the email, lower case
 * @param deletedAt when
 */
record UserDeleted(long userId, String email, Instant deletedAt) {

}
