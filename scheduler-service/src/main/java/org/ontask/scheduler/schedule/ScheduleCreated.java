package org.ontask.scheduler.schedule;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A schedule was created, published on {@code scheduler.events} as
 * {@code schedule.created}.
 */
@Externalized("scheduler.events::schedule.created")
record ScheduleCreated(long workflowId, long scheduleId, String name, String kind, Long actionId, String actorEmail,
		Instant at) {

}
