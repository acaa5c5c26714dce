package org.ontask.action.run;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A run of an action was queued, published on {@code action.events}.
 *
 * @param workflowId its workflow
 * @param actionId the action
 * @param runId the run
 * @param total the learners selected when it started
 * @param actorEmail who started it (for a scheduled run, the schedule's owner)
 * @param at when
 * @param scheduleId the schedule that started it; null for an interactive run
 * @param executionId the schedule's execution that started it; null for an interactive
 * run
 */
@Externalized("action.events::action.run.started")
record ActionRunStarted(long workflowId, long actionId, long runId, long total, String actorEmail, Instant at,
		Long scheduleId, Long executionId) {

}
