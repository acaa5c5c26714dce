package org.ontask.scheduler.schedule;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A run of a schedule ended (DONE, FAILED or REFUSED), as the working service reported,
 * published on {@code scheduler.events} as {@code schedule.run.completed}.
 */
@Externalized("scheduler.events::schedule.run.completed")
record ScheduleRunCompleted(long workflowId, long scheduleId, long executionId, Long runId, String status,
		String message, Instant at) {

}
