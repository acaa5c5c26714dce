package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.deleted} event. A workflow
 * was deleted: everything held for it goes.
 *
 * @param workflowId the workflow
 * @param actorEmail who deleted it
 * @param at when
 */
record WorkflowDeleted(long workflowId, String actorEmail, Instant at) {

}
