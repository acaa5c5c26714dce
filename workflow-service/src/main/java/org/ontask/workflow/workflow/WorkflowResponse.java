package org.ontask.workflow.workflow;

import java.time.Instant;

/**
 * A workflow as pages and the API show it.
 *
 * @param id the id
 * @param name the name
 * @param description the description
 * @param owner the owner's email
 * @param createdAt when it was created
 * @param version the version a change must be based on
 */
public record WorkflowResponse(long id, String name, String description, String owner, Instant createdAt,
		long version) {

	static WorkflowResponse of(Workflow workflow) {
		return new WorkflowResponse(workflow.getId(), workflow.getName(), workflow.getDescription(),
				workflow.getOwnerEmail(), workflow.getCreatedAt(), workflow.getVersion());
	}

}
