package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow was renamed.
 *
 * @param workflowId the workflow
 * @param name its new name
 * @param actorEmail who renamed it
 * @param at when
 */
@Externalized("workflow.events::workflow.renamed")
public record WorkflowRenamed(long workflowId, String name, String actorEmail, Instant at) {

}
