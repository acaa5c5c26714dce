package org.ontask.workflow.counts;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rows, columns and actions per workflow, from dataops-service's table events and
 * action-service's action events. Every listener is idempotent: a table replacement
 * carries absolute numbers and wins over anything older; differences (a column added, a
 * merge) are applied once and only when newer than the last replacement; actions are a
 * set of ids with deletion marks, so a late creation cannot bring a deleted one back.
 */
@Service
public class WorkflowCounts {

	private static final String DATAOPS = "#{messagingNames.queue('${spring.application.name}', 'dataops.events', '";

	private static final String ACTIONS = "#{messagingNames.queue('${spring.application.name}', 'action.events', '";

	private final JdbcClient jdbc;

	WorkflowCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The counts of some workflows.
	 * @param workflowIds the workflows
	 * @return the counts by workflow id; workflows without any event have none
	 */
	@Transactional(readOnly = true)
	public Map<Long, Counts> of(Collection<Long> workflowIds) {
		Map<Long, Counts> counts = new HashMap<>();
		if (workflowIds.isEmpty()) {
			return counts;
		}
		this.jdbc
			.sql("SELECT w.id, COALESCE(t.row_count, 0) AS row_count, COALESCE(t.column_count, 0) AS column_count, "
					+ "(SELECT count(*) FROM workflow_action a WHERE a.workflow_id = w.id AND NOT a.deleted) AS action_count "
					+ "FROM workflow w LEFT JOIN workflow_table_count t ON t.workflow_id = w.id WHERE w.id IN (:ids)")
			.param("ids", workflowIds)
			.query((rs, n) -> counts.put(rs.getLong("id"),
					new Counts(rs.getLong("row_count"), rs.getInt("column_count"), rs.getInt("action_count"))))
			.list();
		return counts;
	}

	/**
	 * How big a workflow is.
	 *
	 * @param rows the rows of its table
	 * @param columns the columns of its table
	 * @param actions its actions
	 */
	public record Counts(long rows, int columns, int actions) {

		/** A workflow nothing is known of yet. */
		public static final Counts NONE = new Counts(0, 0, 0);

	}

	/**
	 * Ends every insert: counts are kept only for a workflow that exists, so an event
	 * that arrives after the delete (late or redelivered) leaves nothing behind; the rows
	 * of a deleted workflow go with it (foreign keys, ON DELETE CASCADE).
	 */
	private static final String KNOWN = "WHERE EXISTS (SELECT 1 FROM workflow WHERE id = ?) ";

	@RabbitListener(queues = DATAOPS + "table.replaced')}")
	@Transactional
	void on(TableReplaced event) {
		this.jdbc
			.sql("INSERT INTO workflow_table_count (workflow_id, row_count, column_count, table_at) SELECT ?, ?, ?, ? "
					+ KNOWN + "ON CONFLICT (workflow_id) DO UPDATE SET row_count = EXCLUDED.row_count, "
					+ "column_count = EXCLUDED.column_count, table_at = EXCLUDED.table_at "
					+ "WHERE workflow_table_count.table_at IS NULL OR workflow_table_count.table_at <= EXCLUDED.table_at")
			.params(event.workflowId(), event.rows(), event.columns(), Timestamp.from(event.at()), event.workflowId())
			.update();
	}

	@RabbitListener(queues = DATAOPS + "table.merged')}")
	@Transactional
	void on(TableMerged event) {
		add(event.workflowId(), "merged:" + event.at(), event.at(), event.added() - event.dropped(),
				event.columnsAdded());
	}

	@RabbitListener(queues = DATAOPS + "column.added')}")
	@Transactional
	void on(ColumnAdded event) {
		add(event.workflowId(), "column:" + event.columnId() + ":added", event.at(), 0, 1);
	}

	@RabbitListener(queues = DATAOPS + "column.deleted')}")
	@Transactional
	void on(ColumnDeleted event) {
		add(event.workflowId(), "column:" + event.columnId() + ":deleted", event.at(), 0, -1);
	}

	@RabbitListener(queues = ACTIONS + "action.created')}")
	@Transactional
	void on(ActionCreated event) {
		this.jdbc
			.sql("INSERT INTO workflow_action (workflow_id, action_id) SELECT ?, ? " + KNOWN
					+ "ON CONFLICT (workflow_id, action_id) DO NOTHING")
			.params(event.workflowId(), event.actionId(), event.workflowId())
			.update();
	}

	@RabbitListener(queues = ACTIONS + "action.deleted')}")
	@Transactional
	void on(ActionDeleted event) {
		this.jdbc
			.sql("INSERT INTO workflow_action (workflow_id, action_id, deleted) SELECT ?, ?, TRUE " + KNOWN
					+ "ON CONFLICT (workflow_id, action_id) DO UPDATE SET deleted = TRUE")
			.params(event.workflowId(), event.actionId(), event.workflowId())
			.update();
	}

	/**
	 * Applies a difference once, unless a newer replacement of the table already has it.
	 */
	private void add(long workflowId, String eventKey, java.time.Instant at, long rows, int columns) {
		int fresh = this.jdbc
			.sql("INSERT INTO workflow_count_event (workflow_id, event_key) SELECT ?, ? " + KNOWN
					+ "ON CONFLICT DO NOTHING")
			.params(workflowId, eventKey, workflowId)
			.update();
		if (fresh == 0) {
			return;
		}
		this.jdbc
			.sql("INSERT INTO workflow_table_count (workflow_id, row_count, column_count) VALUES (?, GREATEST(?, 0), "
					+ "GREATEST(?, 0)) ON CONFLICT (workflow_id) DO UPDATE SET "
					+ "row_count = GREATEST(workflow_table_count.row_count + ?, 0), "
					+ "column_count = GREATEST(workflow_table_count.column_count + ?, 0) "
					+ "WHERE workflow_table_count.table_at IS NULL OR workflow_table_count.table_at < ?")
			.params(workflowId, rows, columns, rows, columns, Timestamp.from(at))
			.update();
	}

}
