package org.ontask.action.run;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A scheduled run could not start (action deleted, column missing, nobody selected, no
 * access…), published on {@code action.events}. Published once per execution.
 *
 * @param workflowId the workflow the command named
 * @param actionId the action the command named
 * @param scheduleId the schedule
 * @param executionId the schedule's execution
 * @param reason the message an interactive user would have been given
 * @param at when
 */
@Externalized("action.events::action.run.refused")
record ActionRunRefused(long workflowId, long actionId, long scheduleId, long executionId, String reason, Instant at) {

}
