package org.ontask.workflow.workflow;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.ontask.workflow.counts.WorkflowCounts;
import org.ontask.workflow.user.KnownUser;
import org.ontask.workflow.user.KnownUserDeleted;
import org.ontask.workflow.user.KnownUsers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything about workflows as wholes, for a user: list, create, open, change (always
 * based on a version), attributes, sharing, stars, transfer, delete, flush and the start
 * of a clone. Each change publishes its event on {@code workflow.events} through the
 * outbox, in the transaction that makes it.
 */
@Service
public class WorkflowService {

	static final int MAX_NAME_LENGTH = 255;

	static final int MAX_DESCRIPTION_LENGTH = 2000;

	static final int MAX_ATTRIBUTE_NAME_LENGTH = 63;

	static final int MAX_ATTRIBUTE_VALUE_LENGTH = 2000;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

	private final WorkflowRepository workflows;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final KnownUsers users;

	private final CloneCoordinator clones;

	private final ZoneId zone;

	private final DataopsColumns columns;

	private final WorkflowCounts counts;

	WorkflowService(WorkflowRepository workflows, ApplicationEventPublisher events, JdbcClient jdbc, KnownUsers users,
			CloneCoordinator clones, DataopsColumns columns, WorkflowCounts counts,
			@Value("${ontask.time-zone:UTC}") String zone) {
		this.columns = columns;
		this.counts = counts;
		this.workflows = workflows;
		this.events = events;
		this.jdbc = jdbc;
		this.users = users;
		this.clones = clones;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * The workflows a user can open: owned and shared (an administrator: all), starred
	 * first, then by name.
	 * @param viewer the user
	 * @param search words the name or description must contain (ignoring case), or null
	 * @return the workflows
	 */
	@Transactional(readOnly = true)
	public List<WorkflowResponse> visibleTo(Viewer viewer, String search) {
		List<Workflow> found = viewer.admin() ? this.workflows.findByState(Workflow.State.READY)
				: this.workflows.findVisibleTo(viewer.email(), Workflow.State.READY);
		Set<Long> stars = starsOf(viewer.email());
		String needle = (search != null) ? search.strip().toLowerCase(Locale.ROOT) : "";
		List<Workflow> matching = found.stream()
			.filter((w) -> needle.isEmpty() || w.getName().toLowerCase(Locale.ROOT).contains(needle)
					|| w.getDescription().toLowerCase(Locale.ROOT).contains(needle))
			.toList();
		var sizes = this.counts.of(matching.stream().map(Workflow::getId).toList());
		return matching.stream()
			.map((w) -> WorkflowResponse.of(w, stars.contains(w.getId()))
				.with(sizes.getOrDefault(w.getId(), WorkflowCounts.Counts.NONE)))
			.sorted(Comparator.comparing((WorkflowResponse w) -> !w.starred())
				.thenComparing((w) -> w.name().toLowerCase(Locale.ROOT))
				.thenComparing(WorkflowResponse::id))
			.toList();
	}

	/**
	 * The user's clones still being copied.
	 * @param email the user
	 * @return the clones by name
	 */
	@Transactional(readOnly = true)
	public List<PendingClone> clonesInProgress(String email) {
		return this.workflows.findByOwnerEmailAndStateOrderByNameAsc(email, Workflow.State.CLONING)
			.stream()
			.map((w) -> new PendingClone(w.getId(), w.getName()))
			.toList();
	}

	/**
	 * The messages waiting for the user (e.g. a clone that failed), which are shown once.
	 * @param email the user
	 * @return the messages, oldest first
	 */
	@Transactional
	public List<String> takeNotices(String email) {
		List<String> notices = this.jdbc.sql("DELETE FROM workflow_notice WHERE user_email = ? RETURNING message, id")
			.param(email)
			.query((rs, row) -> new Object[] { rs.getLong("id"), rs.getString("message") })
			.list()
			.stream()
			.sorted(Comparator.comparingLong((Object[] n) -> (Long) n[0]))
			.map((n) -> (String) n[1])
			.toList();
		return notices;
	}

	/**
	 * One workflow, if the user may open it.
	 * @param id the workflow id
	 * @param viewer the user
	 * @return the workflow
	 * @throws WorkflowNotFoundException when there is none the user may open
	 */
	@Transactional(readOnly = true)
	public WorkflowResponse open(long id, Viewer viewer) {
		return response(openable(id, viewer), viewer);
	}

	/**
	 * Creates a workflow owned by the user and announces it.
	 * @param request name and description
	 * @param ownerEmail the owner
	 * @return the new workflow
	 * @throws InvalidWorkflowException when the name is missing, too long or taken
	 */
	@Transactional
	public WorkflowResponse create(CreateWorkflowRequest request, String ownerEmail) {
		String name = validName(request.name());
		String description = validDescription(request.description());
		if (this.workflows.existsByOwnerEmailAndName(ownerEmail, name)) {
			throw nameTaken(name);
		}
		Workflow workflow;
		try {
			workflow = this.workflows.saveAndFlush(new Workflow(ownerEmail, name, description));
		}
		catch (DataIntegrityViolationException ex) {
			// another request created the same name between the check and the insert
			throw nameTaken(name);
		}
		this.events.publishEvent(
				new WorkflowCreated(workflow.getId(), workflow.getName(), ownerEmail, workflow.getCreatedAt()));
		return WorkflowResponse.of(workflow, false);
	}

	/**
	 * Renames and/or describes a workflow.
	 * @param id the workflow
	 * @param viewer who changes it (owner or shared user)
	 * @param request the change and the version it is based on
	 * @return the workflow after the change
	 * @throws StaleWorkflowException when someone changed it after that version
	 */
	@Transactional
	public WorkflowResponse update(long id, Viewer viewer, UpdateWorkflowRequest request) {
		Workflow workflow = openable(id, viewer);
		requireCurrent(workflow, request.version());
		Instant now = Instant.now();
		List<String> what = new java.util.ArrayList<>();
		if (request.name() != null) {
			String name = validName(request.name());
			if (!name.equals(workflow.getName())) {
				if (this.workflows.existsByOwnerEmailAndName(workflow.getOwnerEmail(), name)) {
					throw new InvalidWorkflowException("name",
							"The owner already has a workflow called \"" + name + "\".");
				}
				String before = workflow.getName();
				workflow.rename(name);
				what.add("renamed it from \"" + before + "\" to \"" + name + "\"");
				this.events.publishEvent(new WorkflowRenamed(id, name, viewer.email(), now));
			}
		}
		if (request.description() != null) {
			String description = validDescription(request.description());
			if (!description.equals(workflow.getDescription())) {
				workflow.describe(description);
				what.add("changed its description");
				this.events.publishEvent(new WorkflowDescribed(id, description, viewer.email(), now));
			}
		}
		if (!what.isEmpty()) {
			workflow.changed(viewer.email(), String.join(" and ", what));
			save(workflow);
		}
		return response(workflow, viewer);
	}

	/**
	 * Adds or changes an attribute, optionally replacing another (a rename).
	 * @param id the workflow
	 * @param viewer who changes it
	 * @param name the attribute's name
	 * @param request its value and the version the change is based on
	 * @param replacing the attribute being renamed to {@code name}, or null
	 * @param mustBeNew whether an attribute of that name must not exist yet (adding)
	 * @return the workflow after the change
	 */
	@Transactional
	public WorkflowResponse putAttribute(long id, Viewer viewer, String name, AttributeRequest request,
			String replacing, boolean mustBeNew) {
		Workflow workflow = openable(id, viewer);
		requireCurrent(workflow, request.version());
		String attribute = validAttributeName(name);
		String value = (request.value() != null) ? request.value().strip() : "";
		if (value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
			throw new InvalidWorkflowException("value",
					"An attribute value can have at most " + MAX_ATTRIBUTE_VALUE_LENGTH + " characters.");
		}
		boolean renaming = replacing != null && !replacing.equals(attribute);
		if (renaming && !workflow.getAttributes().containsKey(replacing)) {
			throw new InvalidWorkflowException("name", "There is no attribute \"" + replacing + "\" to change.");
		}
		if ((mustBeNew || renaming) && workflow.getAttributes().containsKey(attribute)) {
			throw new InvalidWorkflowException("name",
					"This workflow already has an attribute called \"" + attribute + "\".");
		}
		if (!renaming && value.equals(workflow.getAttributes().get(attribute))) {
			return response(workflow, viewer);
		}
		if (!workflow.getAttributes().containsKey(attribute)) {
			// a new name (added or renamed to): refused when unchecked, never saved blind
			this.columns.requireNoColumnNamed(id, viewer.email(), attribute);
		}
		Instant now = Instant.now();
		if (renaming) {
			workflow.getAttributes().remove(replacing);
			this.events.publishEvent(new WorkflowAttributeRemoved(id, replacing, viewer.email(), now));
		}
		workflow.getAttributes().put(attribute, value);
		workflow.changed(viewer.email(),
				renaming ? "renamed the attribute \"" + replacing + "\" to \"" + attribute + "\""
						: "set the attribute \"" + attribute + "\"");
		this.events.publishEvent(new WorkflowAttributeSet(id, attribute, value, viewer.email(), now));
		save(workflow);
		return response(workflow, viewer);
	}

	/**
	 * Removes an attribute.
	 * @param id the workflow
	 * @param viewer who changes it
	 * @param name the attribute
	 * @param version the version the change is based on
	 * @return the workflow after the change
	 */
	@Transactional
	public WorkflowResponse removeAttribute(long id, Viewer viewer, String name, Long version) {
		Workflow workflow = openable(id, viewer);
		requireCurrent(workflow, version);
		if (name == null || workflow.getAttributes().remove(name) == null) {
			throw new InvalidWorkflowException("name", "There is no attribute \"" + name + "\".");
		}
		workflow.changed(viewer.email(), "removed the attribute \"" + name + "\"");
		this.events.publishEvent(new WorkflowAttributeRemoved(id, name, viewer.email(), Instant.now()));
		save(workflow);
		return response(workflow, viewer);
	}

	/**
	 * Shares a workflow with another existing account. Owner only.
	 * @param id the workflow
	 * @param viewer the owner
	 * @param email the account to share with
	 * @return the workflow after the change
	 */
	@Transactional
	public WorkflowResponse share(long id, Viewer viewer, String email) {
		Workflow workflow = owned(id, viewer, "share it");
		String user = KnownUsers.normalise(email);
		if (user.isEmpty()) {
			throw new InvalidWorkflowException("email", "Enter the email of the account to share with.");
		}
		if (workflow.isOwnedBy(user)) {
			throw new InvalidWorkflowException("email",
					"You own this workflow; there is no need to share it " + "with yourself.");
		}
		if (workflow.getSharedWith().contains(user)) {
			throw new InvalidWorkflowException("email", "This workflow is already shared with " + user + ".");
		}
		requireActiveAccount(user);
		workflow.getSharedWith().add(user);
		this.events.publishEvent(new WorkflowShared(id, user, viewer.email(), Instant.now()));
		return response(workflow, viewer);
	}

	/**
	 * Stops sharing a workflow with a user. Owner only.
	 * @param id the workflow
	 * @param viewer the owner
	 * @param email the user
	 * @return the workflow after the change
	 */
	@Transactional
	public WorkflowResponse unshare(long id, Viewer viewer, String email) {
		Workflow workflow = owned(id, viewer, "change who it is shared with");
		String user = KnownUsers.normalise(email);
		if (!workflow.getSharedWith().remove(user)) {
			throw new InvalidWorkflowException("email", "This workflow is not shared with " + user + ".");
		}
		this.events.publishEvent(new WorkflowUnshared(id, user, viewer.email(), Instant.now()));
		return response(workflow, viewer);
	}

	/**
	 * Gives a workflow to another account. Its owner, or an administrator (so an account
	 * can be emptied before deletion), may do this.
	 * @param id the workflow
	 * @param viewer the owner or an administrator
	 * @param email the new owner
	 * @return the workflow after the change
	 */
	@Transactional
	public WorkflowResponse transfer(long id, Viewer viewer, String email) {
		Workflow workflow = openable(id, viewer);
		if (!workflow.isOwnedBy(viewer.email()) && !viewer.admin()) {
			throw new WorkflowForbiddenException("transfer it");
		}
		String user = KnownUsers.normalise(email);
		if (user.isEmpty()) {
			throw new InvalidWorkflowException("email", "Enter the email of the new owner.");
		}
		if (workflow.isOwnedBy(user)) {
			throw new InvalidWorkflowException("email", user + " already owns this workflow.");
		}
		requireActiveAccount(user);
		if (this.workflows.existsByOwnerEmailAndName(user, workflow.getName())) {
			throw new InvalidWorkflowException("email",
					user + " already has a workflow called \"" + workflow.getName() + "\"; rename one first.");
		}
		String from = workflow.getOwnerEmail();
		workflow.transferTo(user);
		workflow.changed(viewer.email(), "gave it to " + user);
		save(workflow);
		this.events.publishEvent(new WorkflowTransferred(id, from, user, Instant.now()));
		return response(workflow, viewer);
	}

	/**
	 * Stars or unstars a workflow for the user alone.
	 * @param id the workflow
	 * @param viewer the user
	 * @param starred the new state
	 */
	@Transactional
	public void star(long id, Viewer viewer, boolean starred) {
		openable(id, viewer);
		if (starred) {
			this.jdbc
				.sql("INSERT INTO workflow_star (workflow_id, user_email) VALUES (?, ?) "
						+ "ON CONFLICT (workflow_id, user_email) DO NOTHING")
				.params(id, viewer.email())
				.update();
		}
		else {
			this.jdbc.sql("DELETE FROM workflow_star WHERE workflow_id = ? AND user_email = ?")
				.params(id, viewer.email())
				.update();
		}
	}

	/**
	 * Deletes a workflow; every service removes its part on {@code workflow.deleted}.
	 * Owner only.
	 * @param id the workflow
	 * @param viewer the owner
	 */
	@Transactional
	public void delete(long id, Viewer viewer) {
		Workflow workflow = owned(id, viewer, "delete it");
		this.workflows.delete(workflow);
		this.events.publishEvent(new WorkflowDeleted(id, viewer.email(), Instant.now()));
	}

	/**
	 * Removes a workflow's data in every service, keeping the workflow. Owner only.
	 * @param id the workflow
	 * @param viewer the owner
	 */
	@Transactional
	public void flush(long id, Viewer viewer) {
		owned(id, viewer, "flush its data");
		this.events.publishEvent(new WorkflowFlushed(id, viewer.email(), Instant.now()));
	}

	/**
	 * Starts a clone owned by the user: hidden until every participating service has
	 * copied its part.
	 * @param id the workflow to clone
	 * @param viewer who clones it (anyone who may open it)
	 * @return the clone, still in state {@code CLONING} unless no service takes part
	 */
	@Transactional
	public WorkflowResponse cloneWorkflow(long id, Viewer viewer) {
		Workflow source = openable(id, viewer);
		String name = source.getName();
		do {
			name = "Copy of " + name;
		}
		while (this.workflows.existsByOwnerEmailAndName(viewer.email(), name));
		if (name.length() > MAX_NAME_LENGTH) {
			throw new InvalidWorkflowException("name",
					"The name of the copy would be too long; rename the " + "workflow or your earlier copies first.");
		}
		Workflow clone = this.workflows.saveAndFlush(Workflow.cloneOf(source, viewer.email(), name));
		this.events.publishEvent(new WorkflowCloneRequested(id, clone.getId(), name, viewer.email(), Instant.now()));
		this.clones.started(clone);
		return WorkflowResponse.of(clone, false);
	}

	/**
	 * An account was deleted: it loses its shares (announced, so the other services
	 * follow) and stars, in the transaction that forgets the account.
	 * @param event the deletion
	 */
	@EventListener
	void on(KnownUserDeleted event) {
		Instant now = Instant.now();
		for (Workflow workflow : this.workflows.findSharedWith(event.email())) {
			workflow.getSharedWith().remove(event.email());
			this.events.publishEvent(new WorkflowUnshared(workflow.getId(), event.email(), null, now));
		}
		this.jdbc.sql("DELETE FROM workflow_star WHERE user_email = ?").param(event.email()).update();
	}

	private Workflow openable(long id, Viewer viewer) {
		return this.workflows.findByIdAndState(id, Workflow.State.READY)
			.filter((w) -> viewer.admin() || w.isOpenTo(viewer.email()))
			.orElseThrow(() -> new WorkflowNotFoundException(id));
	}

	private Workflow owned(long id, Viewer viewer, String what) {
		Workflow workflow = openable(id, viewer);
		if (!workflow.isOwnedBy(viewer.email())) {
			throw new WorkflowForbiddenException(what);
		}
		return workflow;
	}

	private void requireCurrent(Workflow workflow, Long version) {
		if (version == null) {
			throw new VersionRequiredException();
		}
		if (version != workflow.getVersion()) {
			String who = (workflow.getUpdatedBy() != null)
					? this.users.displayName(workflow.getUpdatedBy()) + " (" + workflow.getUpdatedBy() + ")"
					: "Someone";
			throw new StaleWorkflowException("Not saved: " + who + " " + workflow.getLastChange() + " at "
					+ WHEN.format(workflow.getUpdatedAt().atZone(this.zone)) + ", after the version you started from"
					+ " (" + version + "; it is now " + workflow.getVersion()
					+ "). Reload the workflow to see the change, then make yours again.");
		}
	}

	private void save(Workflow workflow) {
		try {
			this.workflows.saveAndFlush(workflow);
		}
		catch (ObjectOptimisticLockingFailureException ex) {
			throw new StaleWorkflowException("Not saved: someone else changed this workflow at the same moment. "
					+ "Reload the workflow to see their change, then make yours again.");
		}
	}

	private void requireActiveAccount(String email) {
		KnownUser account = this.users.find(email)
			.orElseThrow(() -> new InvalidWorkflowException("email",
					"There is no account with the email " + email + ". The person must have an OnTask account first."));
		if (!account.active()) {
			throw new InvalidWorkflowException("email", "The account " + email + " is deactivated.");
		}
	}

	private WorkflowResponse response(Workflow workflow, Viewer viewer) {
		return WorkflowResponse.of(workflow, starsOf(viewer.email()).contains(workflow.getId()))
			.with(this.counts.of(List.of(workflow.getId())).getOrDefault(workflow.getId(), WorkflowCounts.Counts.NONE));
	}

	private Set<Long> starsOf(String email) {
		return new HashSet<>(this.jdbc.sql("SELECT workflow_id FROM workflow_star WHERE user_email = ?")
			.param(email)
			.query(Long.class)
			.list());
	}

	private static String validName(String raw) {
		String name = (raw != null) ? raw.strip() : "";
		if (name.isEmpty()) {
			throw new InvalidWorkflowException("name", "A workflow needs a name.");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new InvalidWorkflowException("name",
					"A workflow name can have at most " + MAX_NAME_LENGTH + " characters.");
		}
		return name;
	}

	private static String validDescription(String raw) {
		String description = (raw != null) ? raw.strip() : "";
		if (description.length() > MAX_DESCRIPTION_LENGTH) {
			throw new InvalidWorkflowException("description",
					"A description can have at most " + MAX_DESCRIPTION_LENGTH + " characters.");
		}
		return description;
	}

	/**
	 * The column-name rules of the original: not empty, at most 63 characters, no quotes,
	 * not starting with two underscores. A clash with a column name cannot be checked
	 * until dataops-service announces its columns.
	 */
	static String validAttributeName(String raw) {
		String name = (raw != null) ? raw.strip() : "";
		if (name.isEmpty()) {
			throw new InvalidWorkflowException("name", "An attribute needs a name.");
		}
		if (name.length() > MAX_ATTRIBUTE_NAME_LENGTH) {
			throw new InvalidWorkflowException("name",
					"An attribute name can have at most " + MAX_ATTRIBUTE_NAME_LENGTH + " characters.");
		}
		if (name.contains("'") || name.contains("\"")) {
			throw new InvalidWorkflowException("name", "An attribute name cannot contain quotes.");
		}
		if (name.startsWith("__")) {
			throw new InvalidWorkflowException("name", "An attribute name cannot start with two underscores.");
		}
		return name;
	}

	private static InvalidWorkflowException nameTaken(String name) {
		return new InvalidWorkflowException("name", "You already have a workflow called \"" + name + "\".");
	}

}
