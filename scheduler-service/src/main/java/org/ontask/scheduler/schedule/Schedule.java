package org.ontask.scheduler.schedule;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A row of {@code schedule}.
 *
 * @param id the schedule
 * @param workflowId its workflow
 * @param ownerEmail who created it
 * @param name its name
 * @param description its description
 * @param kind {@code ACTION_RUN} or {@code TABLE_REFRESH}
 * @param actionId the action
 * @param parameters the parameters as JSON
 * @param timing when it runs
 * @param incremental whether runs are incremental
 * @param status its status
 * @param reason why it failed or stopped
 * @param nextRun the next due time
 * @param lastRun the last due time run
 * @param lastResult the last result
 */
record Schedule(long id, long workflowId, String ownerEmail, String name, String description, String kind,
		Long actionId, String parameters, Timing timing, boolean incremental, String status, String reason,
		Instant nextRun, Instant lastRun, String lastResult) {

	static final String COLUMNS = "id, workflow_id, owner_email, name, description, kind, action_id, "
			+ "parameters::text, run_at, cron, every_amount, every_unit, start_at, end_at, zone, incremental, "
			+ "status, reason, next_run, last_run, last_result";

	static Schedule map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timing timing = new Timing(instant(rs, "run_at"), rs.getString("cron"), (Integer) rs.getObject("every_amount"),
				rs.getString("every_unit"), instant(rs, "start_at"), instant(rs, "end_at"),
				ZoneId.of(rs.getString("zone")));
		return new Schedule(rs.getLong("id"), rs.getLong("workflow_id"), rs.getString("owner_email"),
				rs.getString("name"), rs.getString("description"), rs.getString("kind"),
				(Long) rs.getObject("action_id"), rs.getString("parameters"), timing, rs.getBoolean("incremental"),
				rs.getString("status"), rs.getString("reason"), instant(rs, "next_run"), instant(rs, "last_run"),
				rs.getString("last_result"));
	}

	static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		java.sql.Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
