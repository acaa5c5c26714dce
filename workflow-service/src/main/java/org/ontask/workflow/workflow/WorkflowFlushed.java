package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow's data was flushed: every service removes its data, the workflow stays with
 * its name, description, attributes and sharing.
 *
 * @param workflowId the workflow
 * @param actorEmail who flushed it
 * @param at when
 */
@Externalized("workflow.events::workflow.flushed")
public record WorkflowFlushed(long workflowId, String actorEmail, Instant at) {

}
