package org.ontask.workflowaccess;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Records workflows as workflow-service announces them and answers whether a user may
 * open one. Plain JDBC, so it adds no entity to the service's persistence unit.
 */
public class WorkflowAccess {

	private final JdbcClient jdbc;

	WorkflowAccess(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Idempotent: the same event delivered twice leaves one row. */
	@RabbitListener(
			queues = "#{messagingNames.queue('${spring.application.name}', 'workflow.events', 'workflow.created')}")
	@Transactional
	void on(WorkflowCreated event) {
		this.jdbc
			.sql("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?) "
					+ "ON CONFLICT (id) DO NOTHING")
			.params(event.workflowId(), event.name(), event.ownerEmail(), java.sql.Timestamp.from(event.createdAt()))
			.update();
	}

	/**
	 * The name of a workflow the user may open.
	 * @param workflowId the workflow
	 * @param userEmail the user
	 * @return the workflow's name
	 * @throws ResponseStatusException 404 when the workflow is unknown or not the user's
	 * (one answer for both, so ids cannot be probed)
	 */
	@Transactional(readOnly = true)
	public String nameOfWorkflowOpenTo(long workflowId, String userEmail) {
		return this.jdbc.sql("SELECT name FROM known_workflow WHERE id = ? AND owner_email = ?")
			.params(workflowId, userEmail)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"There is no workflow " + workflowId + " that you can open."));
	}

}
