package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow's description changed (for the history).
 *
 * @param workflowId the workflow
 * @param description the new description
 * @param actorEmail who changed it
 * @param at when
 */
@Externalized("workflow.events::workflow.described")
public record WorkflowDescribed(long workflowId, String description, String actorEmail, Instant at) {

}
