package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.shared} event. A workflow was
 * shared with a user.
 *
 * @param workflowId the workflow
 * @param userEmail the user it is now shared with
 * @param actorEmail who shared it
 * @param at when
 */
record WorkflowShared(long workflowId, String userEmail, String actorEmail, Instant at) {

}
