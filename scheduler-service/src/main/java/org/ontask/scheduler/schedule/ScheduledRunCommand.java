package org.ontask.scheduler.schedule;

import java.time.Instant;
import java.util.Map;

/**
 * Contract C1: the command on {@code action-service.scheduled-runs} that asks
 * action-service to run an action for one due time. action-service is idempotent on
 * {@code executionId}.
 *
 * @param scheduleId the schedule
 * @param executionId the execution (one per due time)
 * @param dueAt the due time
 * @param workflowId the workflow
 * @param actionId the action to run
 * @param actorEmail the user the run acts as (the schedule's owner)
 * @param incremental whether to skip learners an earlier run of this schedule reached
 * @param parameters the fields of an interactive run
 */
record ScheduledRunCommand(long scheduleId, long executionId, Instant dueAt, long workflowId, long actionId,
		String actorEmail, boolean incremental, Map<String, Object> parameters) {

}
