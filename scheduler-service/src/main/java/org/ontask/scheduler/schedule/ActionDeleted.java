package org.ontask.scheduler.schedule;

import java.time.Instant;

/**
 * Our copy of action-service's {@code action.deleted}.
 *
 * @param workflowId the workflow
 * @param actionId the action
 * @param name its name
 * @param actorEmail who deleted it
 * @param at when
 */
record ActionDeleted(Long workflowId, Long actionId, String name, String actorEmail, Instant at) {

}
