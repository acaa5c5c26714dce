package org.ontask.scheduler.schedule;

import java.time.Instant;

/**
 * Contract C2: the command on {@code dataops-service.scheduled-refreshes} that asks
 * dataops-service to refresh a workflow's table from a SQL source. dataops-service is
 * idempotent on {@code executionId}.
 *
 * @param scheduleId the schedule
 * @param executionId the execution (one per due time)
 * @param dueAt the due time
 * @param workflowId the workflow
 * @param actorEmail the user it acts as (the schedule's owner)
 * @param connectionId the SQL connection
 * @param query the query; null for the connection's saved one
 * @param mode {@code replace} or {@code merge}
 * @param how the merge ({@code inner}, {@code outer}, {@code left}, {@code right})
 * @param leftOn the table's key column
 * @param rightOn the query result's key column
 */
record ScheduledRefreshCommand(long scheduleId, long executionId, Instant dueAt, long workflowId, String actorEmail,
		long connectionId, String query, String mode, String how, String leftOn, String rightOn) {

}
