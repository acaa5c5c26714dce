package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * An attribute of a workflow was added or changed.
 *
 * @param workflowId the workflow
 * @param name the attribute
 * @param value its value
 * @param actorEmail who set it
 * @param at when
 */
@Externalized("workflow.events::workflow.attribute-set")
public record WorkflowAttributeSet(long workflowId, String name, String value, String actorEmail, Instant at) {

}
