package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow was deleted (or a clone that could not be completed was removed): every
 * service removes what it holds for it.
 *
 * @param workflowId the workflow
 * @param actorEmail who deleted it
 * @param at when
 */
@Externalized("workflow.events::workflow.deleted")
public record WorkflowDeleted(long workflowId, String actorEmail, Instant at) {

}
