package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.created} event.
 *
 * @param workflowId the workflow id
 * @param name its name
 * @param ownerEmail its owner
 * @param createdAt when it was created
 */
record WorkflowCreated(long workflowId, String name, String ownerEmail, Instant createdAt) {

}
