package org.ontask.action.action;

import java.sql.Timestamp;
import java.time.Instant;

import org.ontask.action.attribute.WorkflowAttributes;
import org.ontask.workflowaccess.WorkflowDataLifecycle;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happens to a workflow's actions when workflow-service clones, deletes or flushes
 * it. Plain set-based SQL, idempotent: a clone copies only the actions the clone does not
 * have yet (by name), so a redelivered command changes nothing twice. Email reports'
 * attachments are not copied: the clone's views are new views with ids of their own.
 * <p>
 * A flush removes the table's columns, so everything that refers to columns goes: every
 * action's filter, conditions and rubric cells, and the email reports' attachments (the
 * views go with the table). The actions and their texts stay (the original keeps them
 * too); a text that prints a column no longer there is refused at its next save and shown
 * with the reason in preview.
 */
@Component
class ActionDataLifecycle implements WorkflowDataLifecycle {

	private final JdbcClient jdbc;

	private final WorkflowAttributes attributes;

	ActionDataLifecycle(JdbcClient jdbc, WorkflowAttributes attributes) {
		this.jdbc = jdbc;
		this.attributes = attributes;
	}

	@Override
	public void copy(long sourceWorkflowId, long cloneWorkflowId) {
		Timestamp now = Timestamp.from(Instant.now());
		int copied = this.jdbc
			.sql("INSERT INTO action (workflow_id, name, description, type, subject, text, filter, created_at, "
					+ "updated_at, version) SELECT ?, name, description, type, subject, text, filter, ?, ?, 0 "
					+ "FROM action WHERE workflow_id = ? ON CONFLICT (workflow_id, name) DO NOTHING")
			.params(cloneWorkflowId, now, now, sourceWorkflowId)
			.update();
		if (copied > 0) {
			this.jdbc
				.sql("INSERT INTO action_condition (action_id, name, description, formula, position) "
						+ "SELECT n.id, c.name, c.description, c.formula, c.position FROM action_condition c "
						+ "JOIN action o ON o.id = c.action_id JOIN action n ON n.workflow_id = ? AND n.name = o.name "
						+ "WHERE o.workflow_id = ? ON CONFLICT (action_id, name) DO NOTHING")
				.params(cloneWorkflowId, sourceWorkflowId)
				.update();
			this.jdbc
				.sql("INSERT INTO rubric_cell (action_id, criterion, level, description, feedback) "
						+ "SELECT n.id, r.criterion, r.level, r.description, r.feedback FROM rubric_cell r "
						+ "JOIN action o ON o.id = r.action_id JOIN action n ON n.workflow_id = ? AND n.name = o.name "
						+ "WHERE o.workflow_id = ? ON CONFLICT (action_id, criterion, level) DO NOTHING")
				.params(cloneWorkflowId, sourceWorkflowId)
				.update();
			// learner pages and survey questions (serve package's tables)
			this.jdbc
				.sql("INSERT INTO action_serve (action_id, enabled, active_from, active_to, learner_column, shuffle, "
						+ "updated_at) SELECT n.id, s.enabled, s.active_from, s.active_to, s.learner_column, s.shuffle, ? "
						+ "FROM action_serve s JOIN action o ON o.id = s.action_id "
						+ "JOIN action n ON n.workflow_id = ? AND n.name = o.name WHERE o.workflow_id = ? "
						+ "ON CONFLICT (action_id) DO NOTHING")
				.params(now, cloneWorkflowId, sourceWorkflowId)
				.update();
			this.jdbc
				.sql("INSERT INTO survey_question (action_id, column_name, label, condition_id, locked, position) "
						+ "SELECT n.id, q.column_name, q.label, nc.id, q.locked, q.position FROM survey_question q "
						+ "JOIN action o ON o.id = q.action_id JOIN action n ON n.workflow_id = ? AND n.name = o.name "
						+ "LEFT JOIN action_condition oc ON oc.id = q.condition_id "
						+ "LEFT JOIN action_condition nc ON nc.action_id = n.id AND nc.name = oc.name "
						+ "WHERE o.workflow_id = ? ON CONFLICT (action_id, column_name) DO NOTHING")
				.params(cloneWorkflowId, sourceWorkflowId)
				.update();
		}
		this.attributes.copy(sourceWorkflowId, cloneWorkflowId);
	}

	@Override
	public void delete(long workflowId) {
		// conditions and rubric cells go with their action (ON DELETE CASCADE)
		this.jdbc.sql("DELETE FROM action WHERE workflow_id = ?").param(workflowId).update();
		this.attributes.delete(workflowId);
	}

	@Override
	public void flush(long workflowId) {
		this.jdbc.sql("DELETE FROM action_condition WHERE action_id IN (SELECT id FROM action WHERE workflow_id = ?)")
			.param(workflowId)
			.update();
		this.jdbc.sql("DELETE FROM rubric_cell WHERE action_id IN (SELECT id FROM action WHERE workflow_id = ?)")
			.param(workflowId)
			.update();
		// dataops deletes the views with the table
		this.jdbc.sql("DELETE FROM action_attachment WHERE action_id IN (SELECT id FROM action WHERE workflow_id = ?)")
			.param(workflowId)
			.update();
		this.jdbc.sql("UPDATE action SET filter = NULL, updated_at = ?, version = version + 1 WHERE workflow_id = ?")
			.params(Timestamp.from(Instant.now()), workflowId)
			.update();
	}

}
