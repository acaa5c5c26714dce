/**
 * User accounts: email (the identity, stored lower case), display name, active flag, own
 * roles (effective roles add those of the account's groups) and the password hash; the
 * bootstrap administrator; editing, deactivating (which ends the account's sessions in
 * every service) and deleting accounts; the bulk import from a CSV column of emails; the
 * {@code user.*} events.
 */
package org.ontask.auth.user;
