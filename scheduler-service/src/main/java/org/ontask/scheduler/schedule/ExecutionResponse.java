package org.ontask.scheduler.schedule;

import java.time.OffsetDateTime;

/**
 * One run of a schedule, for one due time.
 *
 * @param id the execution
 * @param dueAt the due time (for "run now": when it was asked for)
 * @param manual whether it was a "run now"
 * @param status {@code QUEUED}, {@code RUNNING}, {@code DONE}, {@code FAILED} or
 * {@code REFUSED}
 * @param runId the action run it started, once known
 * @param sent messages sent
 * @param failed messages that failed
 * @param rows rows of a table refresh
 * @param message what went wrong, or why it was refused
 * @param queuedAt when the command was queued
 * @param startedAt when the work began
 * @param finishedAt when it ended
 * @param reportUrl the run's report page, once known
 */
public record ExecutionResponse(long id, OffsetDateTime dueAt, boolean manual, String status, Long runId, Long sent,
		Long failed, Long rows, String message, OffsetDateTime queuedAt, OffsetDateTime startedAt,
		OffsetDateTime finishedAt, String reportUrl) {

}
