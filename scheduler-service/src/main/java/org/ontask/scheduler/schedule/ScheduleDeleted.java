package org.ontask.scheduler.schedule;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A schedule was deleted (by a user, or with its workflow), published on
 * {@code scheduler.events} as {@code schedule.deleted}.
 */
@Externalized("scheduler.events::schedule.deleted")
record ScheduleDeleted(long workflowId, long scheduleId, String name, String actorEmail, Instant at) {

}
