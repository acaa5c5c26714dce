package org.ontask.workflow.user;

/**
 * An account this service knew of was deleted; published inside the service (never
 * externalised) in the transaction that forgets it, so the workflows feature removes the
 * account's shares and stars in the same transaction.
 *
 * @param email the deleted account's email
 */
public record KnownUserDeleted(String email) {

}
