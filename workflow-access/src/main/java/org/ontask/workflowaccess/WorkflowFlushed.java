package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.flushed} event. A workflow's
 * data was flushed: its data goes, the workflow stays.
 *
 * @param workflowId the workflow
 * @param actorEmail who flushed it
 * @param at when
 */
record WorkflowFlushed(long workflowId, String actorEmail, Instant at) {

}
