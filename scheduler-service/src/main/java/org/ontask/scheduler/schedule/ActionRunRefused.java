package org.ontask.scheduler.schedule;

import java.time.Instant;

/**
 * Our copy of action-service's {@code action.run.refused} (contract C1): a scheduled
 * command could not start a run.
 *
 * @param workflowId the workflow
 * @param actionId the action
 * @param scheduleId the schedule
 * @param executionId the execution
 * @param reason the message an interactive user would have seen
 * @param at when
 */
record ActionRunRefused(Long workflowId, Long actionId, Long scheduleId, Long executionId, String reason, Instant at) {

}
