package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A user no longer shares a workflow (removed by its owner, or their account was deleted,
 * then without an actor).
 *
 * @param workflowId the workflow
 * @param userEmail the user it is no longer shared with
 * @param actorEmail who removed them, or null when their account was deleted
 * @param at when
 */
@Externalized("workflow.events::workflow.unshared")
public record WorkflowUnshared(long workflowId, String userEmail, String actorEmail, Instant at) {

}
