package org.ontask.workflow.user;

import java.time.Instant;
import java.util.List;

/**
 * This service's copy of auth-service's {@code user.created} event.
 *
 * @param userId the account id
 * @param email the email, lower case
 * @param name the display name
 * @param roles the role names
 * @param createdAt when
 */
record UserCreated(long userId, String email, String name, List<String> roles, Instant createdAt) {

}
