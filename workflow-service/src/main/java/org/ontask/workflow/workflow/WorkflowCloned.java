package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * Every service copied its part: the clone is visible.
 *
 * @param sourceWorkflowId the workflow that was cloned
 * @param cloneWorkflowId the clone
 * @param ownerEmail the clone's owner
 * @param at when
 */
@Externalized("workflow.events::workflow.cloned")
public record WorkflowCloned(long sourceWorkflowId, long cloneWorkflowId, String ownerEmail, Instant at) {

}
