package org.ontask.workflowaccess;

import java.time.Instant;

/**
 * The consumers' copy of workflow-service's {@code workflow.renamed} event. A workflow
 * was renamed.
 *
 * @param workflowId the workflow
 * @param name its new name
 * @param actorEmail who renamed it
 * @param at when
 */
record WorkflowRenamed(long workflowId, String name, String actorEmail, Instant at) {

}
