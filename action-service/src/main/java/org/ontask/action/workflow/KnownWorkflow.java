package org.ontask.action.workflow;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A workflow as action-service knows it: enough to decide who may open its actions.
 */
@Entity
@Table(name = "known_workflow")
class KnownWorkflow {

	@Id
	private Long id;

	@Column(nullable = false)
	private String name;

	@Column(name = "owner_email", nullable = false)
	private String ownerEmail;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected KnownWorkflow() {
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	String getOwnerEmail() {
		return this.ownerEmail;
	}

}
