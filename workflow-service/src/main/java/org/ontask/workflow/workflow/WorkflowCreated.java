package org.ontask.workflow.workflow;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow was created. Other services keep their own record of the workflows they
 * serve from it.
 *
 * @param workflowId the new workflow's id
 * @param name its name
 * @param ownerEmail its owner
 * @param createdAt when
 */
@Externalized("workflow.events::workflow.created")
public record WorkflowCreated(long workflowId, String name, String ownerEmail, Instant createdAt) {

}
