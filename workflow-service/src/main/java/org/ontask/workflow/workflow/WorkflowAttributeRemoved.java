package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * An attribute of a workflow was removed.
 *
 * @param workflowId the workflow
 * @param name the attribute
 * @param actorEmail who removed it
 * @param at when
 */
@Externalized("workflow.events::workflow.attribute-removed")
public record WorkflowAttributeRemoved(long workflowId, String name, String actorEmail, Instant at) {

}
