package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow was shared with a user, who may now open and work on it.
 *
 * @param workflowId the workflow
 * @param userEmail the user it is now shared with
 * @param actorEmail who shared it
 * @param at when
 */
@Externalized("workflow.events::workflow.shared")
public record WorkflowShared(long workflowId, String userEmail, String actorEmail, Instant at) {

}
