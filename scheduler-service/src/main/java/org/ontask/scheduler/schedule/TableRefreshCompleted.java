package org.ontask.scheduler.schedule;

import java.time.Instant;

/**
 * Our copy of dataops-service's {@code table.refresh.completed} (contract C2).
 *
 * @param workflowId the workflow
 * @param scheduleId the schedule
 * @param executionId the execution
 * @param status {@code DONE} or {@code FAILED}
 * @param rows the table's rows afterwards
 * @param message what went wrong, if anything
 * @param at when
 */
record TableRefreshCompleted(Long workflowId, Long scheduleId, Long executionId, String status, Long rows,
		String message, Instant at) {

}
