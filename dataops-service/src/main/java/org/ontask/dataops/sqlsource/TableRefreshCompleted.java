package org.ontask.dataops.sqlsource;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * The outcome of a scheduled refresh (contract C2). {@code table.replaced} or
 * {@code table.merged} is published too when it succeeded.
 *
 * @param workflowId the workflow
 * @param scheduleId the schedule
 * @param executionId the execution
 * @param status {@code DONE} or {@code FAILED}
 * @param rows the table's rows afterwards (0 when it failed)
 * @param message what happened, for people (the reason when it failed)
 * @param at when
 */
@Externalized("dataops.events::table.refresh.completed")
public record TableRefreshCompleted(long workflowId, long scheduleId, long executionId, String status, long rows,
		String message, Instant at) {

}
