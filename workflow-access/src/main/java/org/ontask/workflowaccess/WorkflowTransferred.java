package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.transferred} event. A
 * workflow has a new owner; the new owner is no longer a shared user.
 *
 * @param workflowId the workflow
 * @param fromEmail the former owner
 * @param toEmail the new owner
 * @param at when
 */
record WorkflowTransferred(long workflowId, String fromEmail, String toEmail, Instant at) {

}
