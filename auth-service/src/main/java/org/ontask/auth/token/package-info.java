/**
 * API tokens for scripts: created and revoked on {@code /account} and at
 * {@code /api/auth/tokens} (HTTP Basic with email and password is accepted there and
 * nowhere else), kept in PostgreSQL as SHA-256 hashes and mirrored into Redis, where
 * every service's {@code platform} checks {@code Authorization: Bearer}. Listens to
 * {@code UserUpdated} (roles follow), {@code UserDeactivated} and {@code UserDeleted}
 * (tokens end); publishes nothing.
 */
package org.ontask.auth.token;
