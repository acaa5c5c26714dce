package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.unshared} event. A user no
 * longer shares a workflow.
 *
 * @param workflowId the workflow
 * @param userEmail the user it is no longer shared with
 * @param actorEmail who removed them
 * @param at when
 */
record WorkflowUnshared(long workflowId, String userEmail, String actorEmail, Instant at) {

}
