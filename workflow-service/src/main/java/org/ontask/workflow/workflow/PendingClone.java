package org.ontask.workflow.workflow;

/**
 * A clone whose parts are still being copied, as the home page lists it.
 *
 * @param id the clone's id
 * @param name its name
 */
public record PendingClone(long id, String name) {

}
