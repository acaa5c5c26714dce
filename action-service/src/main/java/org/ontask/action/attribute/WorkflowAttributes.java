package org.ontask.action.attribute;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The attributes of each workflow, as workflow-service announces them. Listeners are
 * idempotent (an upsert and a delete).
 */
@Component
public class WorkflowAttributes {

	private static final String QUEUE = "#{messagingNames.queue('${spring.application.name}', 'workflow.events', '";

	private final JdbcClient jdbc;

	WorkflowAttributes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@RabbitListener(queues = QUEUE + "workflow.attribute-set')}")
	@Transactional
	void on(AttributeSet event) {
		this.jdbc
			.sql("INSERT INTO workflow_attribute (workflow_id, name, value) VALUES (?, ?, ?) "
					+ "ON CONFLICT (workflow_id, name) DO UPDATE SET value = EXCLUDED.value")
			.params(event.workflowId(), event.name(), (event.value() != null) ? event.value() : "")
			.update();
	}

	@RabbitListener(queues = QUEUE + "workflow.attribute-removed')}")
	@Transactional
	void on(AttributeRemoved event) {
		this.jdbc.sql("DELETE FROM workflow_attribute WHERE workflow_id = ? AND name = ?")
			.params(event.workflowId(), event.name())
			.update();
	}

	/**
	 * The attributes of a workflow.
	 * @param workflowId the workflow
	 * @return name to value, sorted by name
	 */
	@Transactional(readOnly = true)
	public Map<String, String> of(long workflowId) {
		Map<String, String> attributes = new LinkedHashMap<>();
		this.jdbc.sql("SELECT name, value FROM workflow_attribute WHERE workflow_id = ? ORDER BY name")
			.param(workflowId)
			.query((rs) -> {
				attributes.put(rs.getString(1), rs.getString(2));
			});
		return attributes;
	}

	/**
	 * Copies a workflow's attributes to its clone (workflow-service copies its own; this
	 * is this service's record of them). Idempotent.
	 * @param sourceWorkflowId the cloned workflow
	 * @param cloneWorkflowId the clone
	 */
	public void copy(long sourceWorkflowId, long cloneWorkflowId) {
		this.jdbc
			.sql("INSERT INTO workflow_attribute (workflow_id, name, value) SELECT ?, name, value "
					+ "FROM workflow_attribute WHERE workflow_id = ? ON CONFLICT (workflow_id, name) DO NOTHING")
			.params(cloneWorkflowId, sourceWorkflowId)
			.update();
	}

	/**
	 * Forgets a deleted workflow's attributes.
	 * @param workflowId the workflow
	 */
	public void delete(long workflowId) {
		this.jdbc.sql("DELETE FROM workflow_attribute WHERE workflow_id = ?").param(workflowId).update();
	}

}
