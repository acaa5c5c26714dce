package org.ontask.action.action;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * An action was deleted, published on {@code action.events}.
 *
 * @param workflowId its workflow
 * @param actionId the action
 * @param name its name
 * @param actorEmail who deleted it
 * @param at when
 */
@Externalized("action.events::action.deleted")
record ActionDeleted(long workflowId, long actionId, String name, String actorEmail, Instant at) {

}
