package org.ontask.scheduler.schedule;

import java.util.Map;

/**
 * A schedule to create, or the changes to one (fields left out keep their value; giving
 * any timing field replaces the whole timing).
 *
 * @param name unique in the workflow
 * @param description free text
 * @param kind {@code ACTION_RUN} (the default) or {@code TABLE_REFRESH}
 * @param actionId the action to run
 * @param parameters the fields of an interactive run (emailColumn, subject, cc, bcc,
 * sendSummary, exclude; keyColumn, targetUrl, token for JSON actions)
 * @param incremental whether each run skips the learners an earlier run of this schedule
 * handled
 * @param runAt once at this time (ISO-8601 with offset, or local in {@code zone})
 * @param cron repeating by this five-field cron expression
 * @param everyMinutes repeating every N minutes
 * @param everyHours repeating every N hours
 * @param everyDays repeating every N days
 * @param start the start of a repeating schedule's window
 * @param end the end of a repeating schedule's window
 * @param zone the user's time zone (default: the configured one)
 * @param connectionId the SQL connection of a table refresh
 * @param query its query (null: the connection's own)
 * @param mode {@code replace} or {@code merge}
 * @param how the merge: {@code inner}, {@code outer}, {@code left} or {@code right}
 * @param leftOn the key column of the table
 * @param rightOn the key column of the query's result
 */
public record ScheduleRequest(String name, String description, String kind, Long actionId,
		Map<String, Object> parameters, Boolean incremental, String runAt, String cron, Integer everyMinutes,
		Integer everyHours, Integer everyDays, String start, String end, String zone, Long connectionId, String query,
		String mode, String how, String leftOn, String rightOn) {

	boolean hasTiming() {
		return this.runAt != null || this.cron != null || this.everyMinutes != null || this.everyHours != null
				|| this.everyDays != null || this.start != null || this.end != null || this.zone != null;
	}

	Timing.Input timing() {
		return new Timing.Input(this.runAt, this.cron, this.everyMinutes, this.everyHours, this.everyDays, this.start,
				this.end, this.zone);
	}

}
