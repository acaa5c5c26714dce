package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A command in event form: each data-holding service copies its part of the source into
 * the clone and answers {@code workflow.part-cloned} on its own exchange.
 *
 * @param sourceWorkflowId the workflow being cloned
 * @param cloneWorkflowId the new, still hidden workflow
 * @param name the clone's name
 * @param ownerEmail the clone's owner (who cloned it)
 * @param at when
 */
@Externalized("workflow.events::workflow.clone-requested")
public record WorkflowCloneRequested(long sourceWorkflowId, long cloneWorkflowId, String name, String ownerEmail,
		Instant at) {

}
