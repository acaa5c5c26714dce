package org.ontask.action.action;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * An action was created (also by cloning), published on {@code action.events}.
 *
 * @param workflowId its workflow
 * @param actionId the action
 * @param name its name
 * @param type its type code
 * @param actorEmail who created it
 * @param at when
 */
@Externalized("action.events::action.created")
record ActionCreated(long workflowId, long actionId, String name, String type, String actorEmail, Instant at) {

}
