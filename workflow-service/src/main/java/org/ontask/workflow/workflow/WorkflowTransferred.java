package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow has a new owner; the new owner is no longer among its shared users and the
 * former owner keeps no access.
 *
 * @param workflowId the workflow
 * @param fromEmail the former owner
 * @param toEmail the new owner
 * @param at when
 */
@Externalized("workflow.events::workflow.transferred")
public record WorkflowTransferred(long workflowId, String fromEmail, String toEmail, Instant at) {

}
