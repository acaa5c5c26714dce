package org.ontask.action.run;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A run of an action ended ({@code DONE} or {@code FAILED}; a pause is not an end),
 * published on {@code action.events}.
 *
 * @param workflowId its workflow
 * @param actionId the action
 * @param runId the run
 * @param sent messages sent (or documents delivered)
 * @param failed messages that failed
 * @param excluded learners left out (on request, or already reached by an earlier run of
 * the same schedule)
 * @param status {@code DONE} or {@code FAILED}
 * @param at when
 * @param scheduleId the schedule that started it; null for an interactive run
 * @param executionId the schedule's execution that started it; null for an interactive
 * run
 * @param message what the run says about its end (why it failed); null when there is
 * nothing to say
 */
@Externalized("action.events::action.run.completed")
record ActionRunCompleted(long workflowId, long actionId, long runId, long sent, long failed, long excluded,
		String status, Instant at, Long scheduleId, Long executionId, String message) {

}
