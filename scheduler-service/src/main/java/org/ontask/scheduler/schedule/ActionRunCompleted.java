package org.ontask.scheduler.schedule;

import java.time.Instant;

/**
 * Our copy of action-service's {@code action.run.completed} (contract C1).
 *
 * @param workflowId the workflow
 * @param actionId the action
 * @param runId the run
 * @param sent messages sent
 * @param failed messages that failed
 * @param excluded learners left out
 * @param status {@code DONE} or {@code FAILED}
 * @param at when
 * @param scheduleId the schedule, or null for an interactive run
 * @param executionId the execution, or null for an interactive run
 * @param message what went wrong, if anything
 */
record ActionRunCompleted(Long workflowId, Long actionId, Long runId, Long sent, Long failed, Long excluded,
		String status, Instant at, Long scheduleId, Long executionId, String message) {

}
