package org.ontask.auth.ownership;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * auth-service's copies of the workflow events it reads; only the fields it needs, and
 * unknown fields are ignored, so workflow-service may add to its events freely.
 */
final class WorkflowEvents {

	private WorkflowEvents() {
	}

	/**
	 * {@code workflow.created}.
	 *
	 * @param workflowId the workflow
	 * @param name its name
	 * @param ownerEmail its owner
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Created(Long workflowId, String name, String ownerEmail) {
	}

	/**
	 * {@code workflow.renamed}.
	 *
	 * @param workflowId the workflow
	 * @param name its new name
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Renamed(Long workflowId, String name) {
	}

	/**
	 * {@code workflow.transferred}: {@code {workflowId, fromEmail, toEmail, at}}.
	 *
	 * @param workflowId the workflow
	 * @param toEmail its new owner
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Transferred(Long workflowId, @JsonAlias("ownerEmail") String toEmail) {
	}

	/**
	 * {@code workflow.deleted}.
	 *
	 * @param workflowId the workflow
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Deleted(Long workflowId) {
	}

}
