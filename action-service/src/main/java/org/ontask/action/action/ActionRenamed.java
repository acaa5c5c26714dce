package org.ontask.action.action;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * An action was renamed, published on {@code action.events}.
 *
 * @param workflowId its workflow
 * @param actionId the action
 * @param oldName its name before
 * @param name its name now
 * @param actorEmail who renamed it
 * @param at when
 */
@Externalized("action.events::action.renamed")
record ActionRenamed(long workflowId, long actionId, String oldName, String name, String actorEmail, Instant at) {

}
