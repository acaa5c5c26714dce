package org.ontask.auth.ownership;

import java.util.List;
import java.util.Locale;

import org.ontask.auth.ownership.WorkflowEvents.Created;
import org.ontask.auth.ownership.WorkflowEvents.Deleted;
import org.ontask.auth.ownership.WorkflowEvents.Renamed;
import org.ontask.auth.ownership.WorkflowEvents.Transferred;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * auth-service's own record of who owns which workflow ({@code owned_workflow}), kept
 * from workflow-service's events. Every listener is idempotent: an event delivered twice
 * changes nothing the second time, and a deleted workflow stays deleted whatever arrives
 * after. What stays of a deleted workflow is its id alone (the tombstone that keeps a
 * late {@code workflow.created} from reviving it): no name, no owner.
 */
@Component
public class OwnedWorkflows {

	private final JdbcClient jdbc;

	OwnedWorkflows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@RabbitListener(
			queues = "#{messagingNames.queue('${spring.application.name}', 'workflow.events', 'workflow.created')}")
	@Transactional
	void on(Created event) {
		long id = required(event.workflowId());
		// a repeated or late workflow.created never undoes a rename or a transfer
		this.jdbc
			.sql("INSERT INTO owned_workflow (workflow_id, owner_email, name) VALUES (?, ?, ?) "
					+ "ON CONFLICT (workflow_id) DO UPDATE SET "
					+ "owner_email = COALESCE(owned_workflow.owner_email, EXCLUDED.owner_email), "
					+ "name = CASE WHEN owned_workflow.name = '' THEN EXCLUDED.name ELSE owned_workflow.name END")
			.params(id, email(event.ownerEmail()), name(event.name()))
			.update();
	}

	@RabbitListener(
			queues = "#{messagingNames.queue('${spring.application.name}', 'workflow.events', 'workflow.renamed')}")
	@Transactional
	void on(Renamed event) {
		this.jdbc
			.sql("INSERT INTO owned_workflow (workflow_id, name) VALUES (?, ?) "
					+ "ON CONFLICT (workflow_id) DO UPDATE SET name = EXCLUDED.name")
			.params(required(event.workflowId()), name(event.name()))
			.update();
	}

	@RabbitListener(
			queues = "#{messagingNames.queue('${spring.application.name}', 'workflow.events', 'workflow.transferred')}")
	@Transactional
	void on(Transferred event) {
		String owner = email(event.toEmail());
		if (owner == null) {
			throw new AmqpRejectAndDontRequeueException("workflow.transferred without the new owner's email");
		}
		this.jdbc
			.sql("INSERT INTO owned_workflow (workflow_id, owner_email) VALUES (?, ?) "
					+ "ON CONFLICT (workflow_id) DO UPDATE SET owner_email = EXCLUDED.owner_email")
			.params(required(event.workflowId()), owner)
			.update();
	}

	@RabbitListener(
			queues = "#{messagingNames.queue('${spring.application.name}', 'workflow.events', 'workflow.deleted')}")
	@Transactional
	void on(Deleted event) {
		this.jdbc
			.sql("INSERT INTO owned_workflow (workflow_id, deleted) VALUES (?, TRUE) "
					+ "ON CONFLICT (workflow_id) DO UPDATE SET deleted = TRUE, owner_email = NULL, name = ''")
			.params(required(event.workflowId()))
			.update();
	}

	/**
	 * The workflows a user owns now, by name.
	 * @param email the user's email (any case)
	 * @return the workflows, empty when none
	 */
	@Transactional(readOnly = true)
	public List<OwnedWorkflow> ownedBy(String email) {
		return this.jdbc
			.sql("SELECT workflow_id, name FROM owned_workflow WHERE owner_email = ? AND NOT deleted "
					+ "ORDER BY lower(name), workflow_id")
			.param(email.trim().toLowerCase(Locale.ROOT))
			.query((rs, row) -> new OwnedWorkflow(rs.getLong("workflow_id"), rs.getString("name")))
			.list();
	}

	private static long required(Long workflowId) {
		if (workflowId == null) {
			throw new AmqpRejectAndDontRequeueException("A workflow event without workflowId");
		}
		return workflowId;
	}

	private static String email(String email) {
		return (email == null || email.isBlank()) ? null : email.trim().toLowerCase(Locale.ROOT);
	}

	private static String name(String name) {
		if (name == null) {
			return "";
		}
		return (name.length() > 500) ? name.substring(0, 500) : name;
	}

	/**
	 * A workflow someone owns.
	 *
	 * @param id the workflow id
	 * @param name its name
	 */
	public record OwnedWorkflow(long id, String name) {

		/**
		 * Where its owner (or an administrator) transfers it to someone else.
		 * @return the path of the workflow's sharing page
		 */
		public String sharingPath() {
			return "/workflows/" + this.id + "#sharing";
		}

	}

}
