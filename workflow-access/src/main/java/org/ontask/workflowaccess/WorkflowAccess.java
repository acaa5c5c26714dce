package org.ontask.workflowaccess;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Records workflows, their owners and the users they are shared with as workflow-service
 * announces them, and answers whether a user may open one or act as its owner. Plain
 * JDBC, so it adds no entity to the service's persistence unit. Every listener is
 * idempotent: an event applied twice changes nothing twice.
 */
public class WorkflowAccess {

	private static final String QUEUE = "#{messagingNames.queue('${spring.application.name}', 'workflow.events', '";

	private final JdbcClient jdbc;

	private final WorkflowLifecycleRelay lifecycle;

	WorkflowAccess(JdbcClient jdbc, WorkflowLifecycleRelay lifecycle) {
		this.jdbc = jdbc;
		this.lifecycle = lifecycle;
	}

	@RabbitListener(queues = QUEUE + "workflow.created')}")
	@Transactional
	void on(WorkflowCreated event) {
		this.jdbc
			.sql("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?) "
					+ "ON CONFLICT (id) DO NOTHING")
			.params(event.workflowId(), event.name(), event.ownerEmail(), Timestamp.from(event.createdAt()))
			.update();
	}

	@RabbitListener(queues = QUEUE + "workflow.renamed')}")
	@Transactional
	void on(WorkflowRenamed event) {
		this.jdbc.sql("UPDATE known_workflow SET name = ? WHERE id = ?")
			.params(event.name(), event.workflowId())
			.update();
	}

	@RabbitListener(queues = QUEUE + "workflow.shared')}")
	@Transactional
	void on(WorkflowShared event) {
		this.jdbc
			.sql("INSERT INTO known_workflow_share (workflow_id, user_email) VALUES (?, ?) "
					+ "ON CONFLICT (workflow_id, user_email) DO NOTHING")
			.params(event.workflowId(), event.userEmail())
			.update();
	}

	@RabbitListener(queues = QUEUE + "workflow.unshared')}")
	@Transactional
	void on(WorkflowUnshared event) {
		this.jdbc.sql("DELETE FROM known_workflow_share WHERE workflow_id = ? AND user_email = ?")
			.params(event.workflowId(), event.userEmail())
			.update();
	}

	@RabbitListener(queues = QUEUE + "workflow.transferred')}")
	@Transactional
	void on(WorkflowTransferred event) {
		this.jdbc.sql("UPDATE known_workflow SET owner_email = ? WHERE id = ?")
			.params(event.toEmail(), event.workflowId())
			.update();
		// the new owner no longer needs a share; the former owner keeps none
		this.jdbc.sql("DELETE FROM known_workflow_share WHERE workflow_id = ? AND user_email = ?")
			.params(event.workflowId(), event.toEmail())
			.update();
	}

	@RabbitListener(queues = QUEUE + "workflow.deleted')}")
	@Transactional
	void on(WorkflowDeleted event) {
		// the service's data first, in the same transaction: either both go or the event
		// is retried
		this.lifecycle.delete(event.workflowId());
		this.jdbc.sql("DELETE FROM known_workflow_share WHERE workflow_id = ?").param(event.workflowId()).update();
		this.jdbc.sql("DELETE FROM known_workflow WHERE id = ?").param(event.workflowId()).update();
	}

	@RabbitListener(queues = QUEUE + "workflow.flushed')}")
	@Transactional
	void on(WorkflowFlushed event) {
		this.lifecycle.flush(event.workflowId());
	}

	@RabbitListener(queues = QUEUE + "workflow.clone-requested')}")
	void on(WorkflowCloneRequested event) {
		this.lifecycle.copy(event);
	}

	/**
	 * The name of a workflow the user may open: they own it or it is shared with them.
	 * @param workflowId the workflow
	 * @param userEmail the user
	 * @return the workflow's name
	 * @throws ResponseStatusException 404 when the workflow is unknown or not open to the
	 * user (one answer for both, so ids cannot be probed)
	 */
	@Transactional(readOnly = true)
	public String nameOfWorkflowOpenTo(long workflowId, String userEmail) {
		return find(workflowId, userEmail).map(Known::name).orElseThrow(() -> notFound(workflowId));
	}

	/**
	 * The name of a workflow the user owns, for the operations only its owner may carry
	 * out.
	 * @param workflowId the workflow
	 * @param userEmail the user
	 * @return the workflow's name
	 * @throws ResponseStatusException 404 when the workflow is unknown or not open to the
	 * user; 403 when it is shared with the user but not theirs
	 */
	@Transactional(readOnly = true)
	public String requireOwner(long workflowId, String userEmail) {
		Known known = find(workflowId, userEmail).orElseThrow(() -> notFound(workflowId));
		if (!known.ownerEmail().equals(userEmail)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Only the owner of workflow \"" + known.name() + "\" can do this.");
		}
		return known.name();
	}

	/**
	 * The users a workflow is shared with (not its owner).
	 * @param workflowId the workflow
	 * @return their emails, sorted
	 */
	@Transactional(readOnly = true)
	public List<String> sharedUsersOf(long workflowId) {
		return this.jdbc.sql("SELECT user_email FROM known_workflow_share WHERE workflow_id = ? ORDER BY user_email")
			.param(workflowId)
			.query(String.class)
			.list();
	}

	private Optional<Known> find(long workflowId, String userEmail) {
		return this.jdbc
			.sql("SELECT name, owner_email FROM known_workflow w WHERE w.id = ? AND (w.owner_email = ? OR EXISTS "
					+ "(SELECT 1 FROM known_workflow_share s WHERE s.workflow_id = w.id AND s.user_email = ?))")
			.params(workflowId, userEmail, userEmail)
			.query(Known.class)
			.optional();
	}

	private static ResponseStatusException notFound(long workflowId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND,
				"There is no workflow " + workflowId + " that you can open.");
	}

	record Known(String name, String ownerEmail) {
	}

}
