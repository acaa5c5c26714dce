package org.ontask.action.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The command scheduler-service sends on {@code action-service.scheduled-runs} (contract
 * C1).
 *
 * @param scheduleId the schedule
 * @param executionId its execution at one due time; at most one run per execution
 * @param dueAt when it was due (ISO-8601)
 * @param workflowId the workflow
 * @param actionId the action to run
 * @param actorEmail the schedule's owner, as whom the run is started and checked
 * @param incremental whether learners reached by an earlier run of the schedule are left
 * out
 * @param parameters the same fields as an interactive run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ScheduledRunCommand(Long scheduleId, Long executionId, String dueAt, Long workflowId, Long actionId,
		String actorEmail, Boolean incremental, StartRunRequest parameters) {

}
