/**
 * The accounts workflow-service knows of, projected from auth-service's
 * {@code user.created}, {@code user.updated}, {@code user.deactivated} and
 * {@code user.deleted} events, so sharing can check that an account exists without
 * calling auth-service. Publishes {@link org.ontask.workflow.user.KnownUserDeleted}
 * inside the service when an account goes.
 */
package org.ontask.workflow.user;
