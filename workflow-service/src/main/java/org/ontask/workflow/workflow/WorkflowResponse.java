package org.ontask.workflow.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workflow as pages and the API show it.
 *
 * @param id the id
 * @param name the name
 * @param description the description
 * @param owner the owner's email
 * @param createdAt when it was created
 * @param version the version a change must be based on
 * @param state {@code READY}, or {@code CLONING} while its parts are being copied
 * @param attributes its attributes by name
 * @param sharedWith the users it is shared with
 * @param starred whether the asking user starred it
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last
 */
public record WorkflowResponse(long id, String name, String description, String owner, Instant createdAt, long version,
		String state, Map<String, String> attributes, List<String> sharedWith, boolean starred, Instant updatedAt,
		String updatedBy) {

	static WorkflowResponse of(Workflow workflow, boolean starred) {
		return new WorkflowResponse(workflow.getId(), workflow.getName(), workflow.getDescription(),
				workflow.getOwnerEmail(), workflow.getCreatedAt(), workflow.getVersion(), workflow.getState().name(),
				new TreeMap<>(workflow.getAttributes()), workflow.getSharedWith().stream().sorted().toList(), starred,
				workflow.getUpdatedAt(), workflow.getUpdatedBy());
	}

	/**
	 * Whether a user owns it.
	 * @param email the user
	 * @return true for the owner
	 */
	public boolean ownedBy(String email) {
		return this.owner.equals(email);
	}

}
