package org.ontask.scheduler.schedule;

import java.time.Instant;

/**
 * Our copy of action-service's {@code action.run.started} (contract C1): a run began; for
 * a scheduled one it names the schedule's execution.
 *
 * @param workflowId the workflow
 * @param actionId the action
 * @param runId the run
 * @param total learners selected
 * @param actorEmail who it acts as
 * @param at when
 * @param scheduleId the schedule, or null for an interactive run
 * @param executionId the execution, or null for an interactive run
 */
record ActionRunStarted(Long workflowId, Long actionId, Long runId, Long total, String actorEmail, Instant at,
		Long scheduleId, Long executionId) {

}
