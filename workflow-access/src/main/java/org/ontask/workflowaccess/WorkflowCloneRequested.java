package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.clone-requested} event. A
 * command in event form: copy this service's part of a workflow into its clone and answer
 * {@code workflow.part-cloned}.
 *
 * @param sourceWorkflowId the workflow being cloned
 * @param cloneWorkflowId the new workflow
 * @param name the clone's name
 * @param ownerEmail the clone's owner (who cloned it)
 * @param at when
 */
record WorkflowCloneRequested(long sourceWorkflowId, long cloneWorkflowId, String name, String ownerEmail, Instant at) {

}
