package org.ontask.scheduler.schedule;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A schedule was edited, paused or resumed, published on {@code scheduler.events} as
 * {@code schedule.updated}.
 */
@Externalized("scheduler.events::schedule.updated")
record ScheduleUpdated(long workflowId, long scheduleId, String name, String status, String actorEmail, Instant at) {

}
