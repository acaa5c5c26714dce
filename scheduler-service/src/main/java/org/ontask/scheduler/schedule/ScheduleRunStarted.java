package org.ontask.scheduler.schedule;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A due time of a schedule came (or a user asked to run it now) and its command was
 * queued for the service that does the work, published on {@code scheduler.events} as
 * {@code schedule.run.started}.
 */
@Externalized("scheduler.events::schedule.run.started")
record ScheduleRunStarted(long workflowId, long scheduleId, long executionId, Instant dueAt, boolean manual,
		Instant at) {

}
