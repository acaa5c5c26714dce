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
 * @param sent messages sent
 * @param failed messages that failed
 * @param excluded learners left out
 * @param status {@code DONE} or {@code FAILED}
 * @param at when
 */
@Externalized("action.events::action.run.completed")
record ActionRunCompleted(long workflowId, long actionId, long runId, long sent, long failed, long excluded,
		String status, Instant at) {

}
