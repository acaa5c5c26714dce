package org.ontask.workflow.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ontask.workflow.counts.WorkflowCounts;

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
 * @param rows the rows of its table (from dataops-service's events)
 * @param columns the columns of its table
 * @param actions its actions (from action-service's events)
 */
public record WorkflowResponse(long id, String name, String description, String owner, Instant createdAt, long version,
		String state, Map<String, String> attributes, List<String> sharedWith, boolean starred, Instant updatedAt,
		String updatedBy, long rows, int columns, int actions) {

	static WorkflowResponse of(Workflow workflow, boolean starred) {
		return new WorkflowResponse(workflow.getId(), workflow.getName(), workflow.getDescription(),
				workflow.getOwnerEmail(), workflow.getCreatedAt(), workflow.getVersion(), workflow.getState().name(),
				new TreeMap<>(workflow.getAttributes()), workflow.getSharedWith().stream().sorted().toList(), starred,
				workflow.getUpdatedAt(), workflow.getUpdatedBy(), 0, 0, 0);
	}

	/**
	 * The same workflow with its table's and actions' counts.
	 * @param counts the counts
	 * @return the workflow with them
	 */
	WorkflowResponse with(WorkflowCounts.Counts counts) {
		return new WorkflowResponse(this.id, this.name, this.description, this.owner, this.createdAt, this.version,
				this.state, this.attributes, this.sharedWith, this.starred, this.updatedAt, this.updatedBy,
				counts.rows(), counts.columns(), counts.actions());
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
