package org.ontask.scheduler.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the API and the pages show it; times are in the schedule's zone.
 *
 * @param id the schedule
 * @param workflowId its workflow
 * @param workflowName the workflow's name
 * @param name its name
 * @param description its description
 * @param ownerEmail who created it (the runs act as this user)
 * @param kind {@code ACTION_RUN} or {@code TABLE_REFRESH}
 * @param actionId the action it runs
 * @param parameters the run's parameters, or the refresh's connection, query, mode and
 * keys
 * @param incremental whether runs skip learners handled by earlier runs
 * @param runAt the time of a one-off schedule
 * @param cron the cron expression of a repeating schedule
 * @param everyMinutes the interval in minutes
 * @param everyHours the interval in hours
 * @param everyDays the interval in days
 * @param start the window's start
 * @param end the window's end
 * @param zone the user's time zone
 * @param when the timing in words
 * @param status {@code PENDING}, {@code RUNNING}, {@code DONE}, {@code FAILED} or
 * {@code PAUSED}
 * @param reason why it failed or stopped
 * @param nextRun the next due time
 * @param lastRun the last due time that ran
 * @param lastResult the last run's result
 * @param executions the runs, latest first (empty in lists)
 */
public record ScheduleResponse(long id, long workflowId, String workflowName, String name, String description,
		String ownerEmail, String kind, Long actionId, Map<String, Object> parameters, boolean incremental,
		OffsetDateTime runAt, String cron, Integer everyMinutes, Integer everyHours, Integer everyDays,
		OffsetDateTime start, OffsetDateTime end, String zone, String when, String status, String reason,
		OffsetDateTime nextRun, OffsetDateTime lastRun, String lastResult, List<ExecutionResponse> executions) {

}
