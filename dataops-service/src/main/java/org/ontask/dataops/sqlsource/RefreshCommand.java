package org.ontask.dataops.sqlsource;

import java.time.Instant;

/**
 * A scheduled refresh of a workflow's table from a SQL source (contract C2, queue
 * {@code dataops-service.scheduled-refreshes}).
 *
 * @param scheduleId the schedule
 * @param executionId this execution (the command is handled once per id)
 * @param dueAt when it was due
 * @param workflowId the workflow whose table is refreshed
 * @param actorEmail who it acts as (must be able to open the workflow and own the
 * connection)
 * @param connectionId the actor's SQL connection
 * @param query the query
 * @param mode {@code replace} or {@code merge}
 * @param how for a merge: {@code inner}, {@code outer}, {@code left} or {@code right}
 * @param leftOn for a merge, the table's key column; for a replace, the key column of the
 * new table ({@code null}: detected)
 * @param rightOn for a merge, the query's column to match with ({@code null}: leftOn)
 */
public record RefreshCommand(long scheduleId, long executionId, Instant dueAt, long workflowId, String actorEmail,
		long connectionId, String query, String mode, String how, String leftOn, String rightOn) {

}
