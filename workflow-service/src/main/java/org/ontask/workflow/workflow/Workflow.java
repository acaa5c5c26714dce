package org.ontask.workflow.workflow;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A workflow: one course's learner table, its actions and schedules. Names are unique per
 * owner.
 */
@Entity
@Table(name = "workflow")
class Workflow {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "owner_email", nullable = false)
	private String ownerEmail;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String description = "";

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@Version
	private long version;

	protected Workflow() {
	}

	Workflow(String ownerEmail, String name, String description) {
		this.ownerEmail = ownerEmail;
		this.name = name;
		this.description = (description != null) ? description : "";
	}

	Long getId() {
		return this.id;
	}

	String getOwnerEmail() {
		return this.ownerEmail;
	}

	String getName() {
		return this.name;
	}

	String getDescription() {
		return this.description;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	long getVersion() {
		return this.version;
	}

}
