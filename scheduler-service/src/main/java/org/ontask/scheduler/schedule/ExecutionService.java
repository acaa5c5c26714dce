package org.ontask.scheduler.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Executions of schedules: one row per due time, inserted with the due time as a unique
 * key before anything is sent, so however many replicas fire a due time (or Quartz
 * recovers a job a dead replica was running) exactly one command goes out. The command
 * leaves through the outbox ({@link ExecutionQueued}), committed with the row. The
 * outcome events of the working services close executions and set the schedule's status
 * and last result.
 */
@Service
public class ExecutionService {

	static final String ACTION_DELETED = "The action was deleted, so this schedule stopped.";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ScheduleTriggers triggers;

	private final Clock clock;

	ExecutionService(JdbcClient jdbc, ApplicationEventPublisher events, ScheduleTriggers triggers) {
		this.jdbc = jdbc;
		this.events = events;
		this.triggers = triggers;
		this.clock = Clock.systemUTC();
	}

	/**
	 * A due time came: records its execution and queues the command, unless another
	 * replica did already, the schedule is paused or gone, or the due time is past the
	 * window's end (a misfire found too late).
	 * @param scheduleId the schedule
	 * @param dueAt the due time
	 * @param nextRun the due time after it, or null
	 * @param firedBy the Quartz instance that fired it
	 */
	@Transactional
	public void fire(long scheduleId, Instant dueAt, Instant nextRun, String firedBy) {
		Schedule schedule = lock(scheduleId);
		if (schedule == null || schedule.status().equals("PAUSED") || schedule.status().equals("DONE")
				|| (schedule.status().equals("FAILED") && !schedule.timing().once()
						&& ACTION_DELETED.equals(schedule.reason()))) {
			return;
		}
		if (schedule.timing().end() != null && dueAt.isAfter(schedule.timing().end())) {
			// the window closed while nothing fired: no more due times
			this.triggers.remove(scheduleId);
			this.jdbc.sql("UPDATE schedule SET next_run = NULL, updated_at = ? WHERE id = ?")
				.params(now(), scheduleId)
				.update();
			settle(lock(scheduleId), null);
			return;
		}
		queue(schedule, dueAt, false, nextRun, firedBy);
	}

	/**
	 * Runs a schedule now, outside its timing.
	 * @param schedule the schedule
	 * @return the execution
	 */
	@Transactional
	public long runNow(Schedule schedule) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Long id = queue(schedule, now, true, schedule.nextRun(), null);
		return (id != null) ? id : 0;
	}

	private Long queue(Schedule schedule, Instant dueAt, boolean manual, Instant nextRun, String firedBy) {
		Instant now = this.clock.instant();
		Long id = this.jdbc
			.sql("INSERT INTO schedule_execution (schedule_id, due_at, manual, fired_by, status, queued_at) "
					+ "VALUES (?, ?, ?, ?, 'QUEUED', ?) ON CONFLICT (schedule_id, due_at) DO NOTHING RETURNING id")
			.params(schedule.id(), Timestamp.from(dueAt), manual, firedBy, Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			return null;
		}
		this.jdbc
			.sql("UPDATE schedule SET status = CASE WHEN status = 'PAUSED' THEN status ELSE 'RUNNING' END, "
					+ "reason = CASE WHEN status = 'PAUSED' THEN reason ELSE NULL END, last_run = ?, next_run = ?, "
					+ "updated_at = ? WHERE id = ?")
			.params(Timestamp.from(dueAt), (nextRun != null) ? Timestamp.from(nextRun) : null, Timestamp.from(now),
					schedule.id())
			.update();
		this.events.publishEvent(new ExecutionQueued(id));
		this.events.publishEvent(new ScheduleRunStarted(schedule.workflowId(), schedule.id(), id, dueAt, manual, now));
		return id;
	}

	/**
	 * The working service began: links its run.
	 * @param executionId the execution
	 * @param runId action-service's run
	 */
	@Transactional
	public void started(long executionId, Long runId) {
		this.jdbc
			.sql("UPDATE schedule_execution SET run_id = COALESCE(?, run_id), started_at = COALESCE(started_at, ?), "
					+ "status = CASE WHEN status = 'QUEUED' THEN 'RUNNING' ELSE status END WHERE id = ?")
			.params(runId, Timestamp.from(this.clock.instant()), executionId)
			.update();
	}

	/**
	 * The working service ended (or refused): closes the execution once (a repeated event
	 * changes nothing) and settles the schedule.
	 * @param executionId the execution
	 * @param outcome its result
	 */
	@Transactional
	public void finished(long executionId, Outcome outcome) {
		Instant now = this.clock.instant();
		Long scheduleId = this.jdbc
			.sql("UPDATE schedule_execution SET status = ?, run_id = COALESCE(?, run_id), sent = ?, failed = ?, "
					+ "rows = ?, message = ?, finished_at = ?, started_at = COALESCE(started_at, ?) "
					+ "WHERE id = ? AND status IN ('QUEUED', 'RUNNING') RETURNING schedule_id")
			.params(outcome.status(), outcome.runId(), outcome.sent(), outcome.failed(), outcome.rows(),
					outcome.message(), Timestamp.from(now), Timestamp.from(now), executionId)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (scheduleId == null) {
			return;
		}
		Schedule schedule = lock(scheduleId);
		settle(schedule, outcome);
		this.events.publishEvent(new ScheduleRunCompleted(schedule.workflowId(), scheduleId, executionId,
				outcome.runId(), outcome.status(), outcome.message(), now));
	}

	/** The schedule's status after an execution ended or its window closed. */
	private void settle(Schedule schedule, Outcome outcome) {
		String status = schedule.status();
		String reason = schedule.reason();
		String lastResult = (outcome != null) ? outcome.describe() : schedule.lastResult();
		boolean stopped = status.equals("PAUSED")
				|| (status.equals("FAILED") && ACTION_DELETED.equals(schedule.reason()));
		if (!stopped) {
			long inFlight = this.jdbc.sql(
					"SELECT count(*) FROM schedule_execution WHERE schedule_id = ? AND status IN ('QUEUED', 'RUNNING')")
				.param(schedule.id())
				.query(Long.class)
				.single();
			Instant next = this.triggers.nextRun(schedule.id());
			if (inFlight > 0) {
				status = "RUNNING";
			}
			else if (schedule.timing().once()) {
				boolean ok = (outcome == null) || outcome.status().equals("DONE");
				status = ok ? "DONE" : "FAILED";
				reason = ok ? null : outcome.message();
			}
			else if (next == null || (schedule.timing().end() != null && next.isAfter(schedule.timing().end()))) {
				status = "DONE";
			}
			else {
				status = "PENDING";
			}
		}
		this.jdbc.sql("UPDATE schedule SET status = ?, reason = ?, last_result = ?, updated_at = ? WHERE id = ?")
			.params(status, reason, lastResult, Timestamp.from(this.clock.instant()), schedule.id())
			.update();
	}

	/**
	 * The action of some schedules was deleted: they stop for good, with the reason
	 * shown.
	 * @param workflowId the workflow
	 * @param actionId the deleted action
	 * @return the schedules stopped: their ids and names
	 */
	@Transactional
	public Map<Long, String> actionDeleted(long workflowId, long actionId) {
		Map<Long, String> stopped = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT id, name FROM schedule WHERE workflow_id = ? AND action_id = ? AND kind = 'ACTION_RUN' "
					+ "AND (status <> 'FAILED' OR reason IS DISTINCT FROM ?) ORDER BY id FOR UPDATE")
			.params(workflowId, actionId, ACTION_DELETED)
			.query((rs, n) -> stopped.put(rs.getLong(1), rs.getString(2)))
			.list();
		for (long id : stopped.keySet()) {
			this.triggers.remove(id);
			this.jdbc
				.sql("UPDATE schedule SET status = 'FAILED', reason = ?, next_run = NULL, updated_at = ? WHERE id = ?")
				.params(ACTION_DELETED, Timestamp.from(this.clock.instant()), id)
				.update();
		}
		return stopped;
	}

	private Schedule lock(long scheduleId) {
		return this.jdbc.sql("SELECT " + Schedule.COLUMNS + " FROM schedule WHERE id = ? FOR UPDATE")
			.param(scheduleId)
			.query(Schedule::map)
			.optional()
			.orElse(null);
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	/**
	 * How an execution ended.
	 *
	 * @param status {@code DONE}, {@code FAILED} or {@code REFUSED}
	 * @param runId the action run
	 * @param sent messages sent
	 * @param failed messages that failed
	 * @param rows rows after a table refresh
	 * @param message what went wrong
	 */
	record Outcome(String status, Long runId, Long sent, Long failed, Long rows, String message) {

		String describe() {
			String text = switch (this.status) {
				case "DONE" -> "Done";
				case "REFUSED" -> "Refused";
				default -> "Failed";
			};
			if (this.sent != null) {
				text += ": " + this.sent + " sent, " + ((this.failed != null) ? this.failed : 0) + " failed";
			}
			else if (this.rows != null) {
				text += ": the table has " + this.rows + " rows";
			}
			if (this.message != null && !this.message.isBlank()) {
				text += ((this.sent != null || this.rows != null) ? ". " : ": ") + this.message;
			}
			return text;
		}

	}

}
