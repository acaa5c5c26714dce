package org.ontask.auth.user;

/**
 * A user's sessions must end once the current transaction commits (their roles were
 * reduced). Internal to auth-service.
 *
 * @param email the user
 */
record SessionsToEnd(String email) {

}
