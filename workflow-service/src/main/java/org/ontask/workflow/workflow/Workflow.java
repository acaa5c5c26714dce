package org.ontask.workflow.workflow;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.OptimisticLock;

/**
 * A workflow: one course's learner table, its actions and schedules. Names are unique per
 * owner. Every change of its name, description or attributes raises its version and
 * records who made it and what it was, so a change based on an older version is refused
 * with that story instead of silently overwriting it.
 */
@Entity
@Table(name = "workflow")
class Workflow {

	/** Visible, or still being copied from another workflow (hidden until complete). */
	enum State {

		READY, CLONING

	}

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

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private State state = State.READY;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt = Instant.now();

	@Column(name = "updated_by")
	private String updatedBy;

	@Column(name = "last_change")
	private String lastChange;

	@Column(name = "clone_source_id")
	private Long cloneSourceId;

	@Version
	private long version;

	/** Sharing is not an edit of the workflow: it never makes someone's edit stale. */
	@ElementCollection
	@CollectionTable(name = "workflow_share", joinColumns = @JoinColumn(name = "workflow_id"))
	@Column(name = "user_email")
	@OptimisticLock(excluded = true)
	private Set<String> sharedWith = new HashSet<>();

	@ElementCollection
	@CollectionTable(name = "workflow_attribute", joinColumns = @JoinColumn(name = "workflow_id"))
	@MapKeyColumn(name = "name")
	@Column(name = "value")
	private Map<String, String> attributes = new TreeMap<>();

	protected Workflow() {
	}

	Workflow(String ownerEmail, String name, String description) {
		this.ownerEmail = ownerEmail;
		this.name = name;
		this.description = (description != null) ? description : "";
		this.updatedBy = ownerEmail;
		this.lastChange = "created it";
	}

	static Workflow cloneOf(Workflow source, String ownerEmail, String name) {
		Workflow clone = new Workflow(ownerEmail, name, source.description);
		clone.state = State.CLONING;
		clone.cloneSourceId = source.id;
		clone.attributes.putAll(source.attributes);
		clone.lastChange = "cloned it from \"" + source.name + "\"";
		return clone;
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

	State getState() {
		return this.state;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	String getUpdatedBy() {
		return this.updatedBy;
	}

	String getLastChange() {
		return this.lastChange;
	}

	Long getCloneSourceId() {
		return this.cloneSourceId;
	}

	Set<String> getSharedWith() {
		return this.sharedWith;
	}

	Map<String, String> getAttributes() {
		return this.attributes;
	}

	boolean isOwnedBy(String email) {
		return this.ownerEmail.equals(email);
	}

	boolean isOpenTo(String email) {
		return isOwnedBy(email) || this.sharedWith.contains(email);
	}

	void rename(String name) {
		this.name = name;
	}

	void describe(String description) {
		this.description = description;
	}

	void transferTo(String email) {
		this.ownerEmail = email;
		this.sharedWith.remove(email);
	}

	void ready() {
		this.state = State.READY;
	}

	/**
	 * Records who made the change being saved and what it was, for the message of a write
	 * that comes later based on the version before it.
	 */
	void changed(String actorEmail, String what) {
		this.updatedBy = actorEmail;
		this.updatedAt = Instant.now();
		this.lastChange = (what.length() > 600) ? what.substring(0, 597) + "..." : what;
	}

}
