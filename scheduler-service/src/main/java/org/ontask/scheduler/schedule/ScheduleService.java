package org.ontask.scheduler.schedule;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ontask.scheduler.config.SchedulerProperties;
import org.ontask.workflowaccess.WorkflowAccess;
import org.ontask.workflowaccess.WorkflowDataLifecycle;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates, edits, pauses, resumes, runs and deletes schedules, and shows them. Anyone who
 * can open the workflow sees its schedules and may create one (its runs act as its
 * creator, so action-service checks the creator's access at every run); only the
 * schedule's creator or the workflow's owner may change it. A schedule row and its Quartz
 * trigger change in one transaction.
 */
@Service
public class ScheduleService implements WorkflowDataLifecycle {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> STRING_PARAMETERS = Set.of("emailColumn", "subject", "cc", "bcc", "keyColumn",
			"targetUrl", "token");

	private static final Set<String> BOOLEAN_PARAMETERS = Set.of("trackRead", "sendSummary");

	private static final int HISTORY = 100;

	static final String HIDDEN = "********";

	private final JdbcClient jdbc;

	private final WorkflowAccess workflows;

	private final ScheduleTriggers triggers;

	private final ExecutionService executions;

	private final ApplicationEventPublisher events;

	private final ZoneId defaultZone;

	private final Clock clock;

	private final DeliveryTokens tokens;

	ScheduleService(JdbcClient jdbc, WorkflowAccess workflows, ScheduleTriggers triggers, ExecutionService executions,
			ApplicationEventPublisher events, SchedulerProperties properties, DeliveryTokens tokens) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.workflows = workflows;
		this.triggers = triggers;
		this.executions = executions;
		this.events = events;
		this.defaultZone = properties.defaultZone();
		this.clock = Clock.systemUTC();
	}

	/**
	 * The zone new schedules start with.
	 * @return the configured default zone
	 */
	public ZoneId defaultZone() {
		return this.defaultZone;
	}

	/**
	 * Creates a schedule.
	 * @param workflowId the workflow
	 * @param userEmail who creates it (its runs act as this user)
	 * @param request what and when
	 * @return the new schedule's id
	 */
	@Transactional
	public long create(long workflowId, String userEmail, ScheduleRequest request) {
		this.workflows.nameOfWorkflowOpenTo(workflowId, userEmail);
		Instant now = this.clock.instant();
		Fields fields = fields(request, null);
		Timing timing = Timing.of(request.timing(), this.defaultZone, now, null);
		requireUniqueName(workflowId, fields.name(), 0);
		long id = this.jdbc.sql("INSERT INTO schedule (workflow_id, owner_email, name, description, kind, action_id, "
				+ "parameters, incremental, run_at, cron, every_amount, every_unit, start_at, end_at, zone, status, "
				+ "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) "
				+ "RETURNING id")
			.params(workflowId, userEmail, fields.name(), fields.description(), fields.kind(), fields.actionId(),
					fields.parameters(), fields.incremental(), ts(timing.runAt()), timing.cron(), timing.everyAmount(),
					timing.everyUnit(), ts(timing.start()), ts(timing.end()), timing.zone().getId(), ts(now), ts(now))
			.query(Long.class)
			.single();
		Instant next = this.triggers.schedule(id, timing, false, now);
		this.jdbc.sql("UPDATE schedule SET next_run = ? WHERE id = ?").params(ts(next), id).update();
		this.events.publishEvent(
				new ScheduleCreated(workflowId, id, fields.name(), fields.kind(), fields.actionId(), userEmail, now));
		return id;
	}

	/**
	 * Edits a schedule: fields left out keep their value; any timing field replaces the
	 * timing (and revives a schedule that was done).
	 * @param workflowId the workflow
	 * @param scheduleId the schedule
	 * @param userEmail who edits it
	 * @param request the changes
	 * @return the schedule as it is now
	 */
	@Transactional
	public ScheduleResponse update(long workflowId, long scheduleId, String userEmail, ScheduleRequest request) {
		Schedule schedule = changeable(workflowId, scheduleId, userEmail);
		Instant now = this.clock.instant();
		Fields fields = fields(request, schedule);
		requireUniqueName(workflowId, fields.name(), scheduleId);
		Timing timing = schedule.timing();
		String status = schedule.status();
		String reason = schedule.reason();
		Instant next = schedule.nextRun();
		if (request.hasTiming()) {
			timing = Timing.of(request.timing(), this.defaultZone, now, schedule.timing());
			if (!status.equals("PAUSED") && !status.equals("RUNNING")) {
				status = "PENDING";
				reason = null;
			}
			next = this.triggers.schedule(scheduleId, timing, status.equals("PAUSED"), now);
		}
		this.jdbc.sql("UPDATE schedule SET name = ?, description = ?, kind = ?, action_id = ?, parameters = ?::jsonb, "
				+ "incremental = ?, run_at = ?, cron = ?, every_amount = ?, every_unit = ?, start_at = ?, end_at = ?, "
				+ "zone = ?, status = ?, reason = ?, next_run = ?, updated_at = ? WHERE id = ?")
			.params(fields.name(), fields.description(), fields.kind(), fields.actionId(), fields.parameters(),
					fields.incremental(), ts(timing.runAt()), timing.cron(), timing.everyAmount(), timing.everyUnit(),
					ts(timing.start()), ts(timing.end()), timing.zone().getId(), status, reason, ts(next), ts(now),
					scheduleId)
			.update();
		this.events.publishEvent(new ScheduleUpdated(workflowId, scheduleId, fields.name(), status, userEmail, now));
		return get(workflowId, scheduleId, userEmail);
	}

	/**
	 * Deletes a schedule, its trigger and its history.
	 * @param workflowId the workflow
	 * @param scheduleId the schedule
	 * @param userEmail who deletes it
	 */
	@Transactional
	public void delete(long workflowId, long scheduleId, String userEmail) {
		Schedule schedule = changeable(workflowId, scheduleId, userEmail);
		this.triggers.remove(scheduleId);
		this.jdbc.sql("DELETE FROM schedule WHERE id = ?").param(scheduleId).update();
		this.events.publishEvent(
				new ScheduleDeleted(workflowId, scheduleId, schedule.name(), userEmail, this.clock.instant()));
	}

	/**
	 * Pauses a schedule: no due time fires until it is resumed.
	 * @param workflowId the workflow
	 * @param scheduleId the schedule
	 * @param userEmail who pauses it
	 */
	@Transactional
	public void pause(long workflowId, long scheduleId, String userEmail) {
		Schedule schedule = changeable(workflowId, scheduleId, userEmail);
		if (schedule.status().equals("PAUSED")) {
			return;
		}
		if (schedule.status().equals("DONE") || schedule.status().equals("FAILED")) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The schedule \"" + schedule.name() + "\" is "
					+ schedule.status().toLowerCase(Locale.ROOT) + ": there is nothing left to pause.");
		}
		this.triggers.pause(scheduleId);
		this.jdbc.sql("UPDATE schedule SET status = 'PAUSED', updated_at = ? WHERE id = ?")
			.params(ts(this.clock.instant()), scheduleId)
			.update();
		this.events.publishEvent(new ScheduleUpdated(workflowId, scheduleId, schedule.name(), "PAUSED", userEmail,
				this.clock.instant()));
	}

	/**
	 * Resumes a paused schedule. A due time missed while paused runs once now if it is
	 * still inside the window (the misfire policy).
	 * @param workflowId the workflow
	 * @param scheduleId the schedule
	 * @param userEmail who resumes it
	 */
	@Transactional
	public void resume(long workflowId, long scheduleId, String userEmail) {
		Schedule schedule = changeable(workflowId, scheduleId, userEmail);
		if (!schedule.status().equals("PAUSED")) {
			return;
		}
		long inFlight = this.jdbc
			.sql("SELECT count(*) FROM schedule_execution WHERE schedule_id = ? AND status IN ('QUEUED', 'RUNNING')")
			.param(scheduleId)
			.query(Long.class)
			.single();
		String status = (inFlight > 0) ? "RUNNING" : "PENDING";
		this.jdbc.sql("UPDATE schedule SET status = ?, updated_at = ? WHERE id = ?")
			.params(status, ts(this.clock.instant()), scheduleId)
			.update();
		this.triggers.resume(scheduleId);
		this.jdbc.sql("UPDATE schedule SET next_run = ? WHERE id = ?")
			.params(ts(this.triggers.nextRun(scheduleId)), scheduleId)
			.update();
		this.events.publishEvent(
				new ScheduleUpdated(workflowId, scheduleId, schedule.name(), status, userEmail, this.clock.instant()));
	}

	/**
	 * Runs a schedule now, whatever its timing (a paused one too); its next due times do
	 * not change.
	 * @param workflowId the workflow
	 * @param scheduleId the schedule
	 * @param userEmail who asks
	 * @return the execution
	 */
	@Transactional
	public long runNow(long workflowId, long scheduleId, String userEmail) {
		Schedule schedule = changeable(workflowId, scheduleId, userEmail);
		if (schedule.status().equals("FAILED") && ExecutionService.ACTION_DELETED.equals(schedule.reason())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					ExecutionService.ACTION_DELETED + " Choose another action (edit the schedule) or delete it.");
		}
		return this.executions.runNow(schedule);
	}

	/**
	 * A schedule with its runs, latest first.
	 * @param workflowId the workflow
	 * @param scheduleId the schedule
	 * @param userEmail who asks
	 * @return the schedule
	 */
	@Transactional(readOnly = true)
	public ScheduleResponse get(long workflowId, long scheduleId, String userEmail) {
		String workflowName = this.workflows.nameOfWorkflowOpenTo(workflowId, userEmail);
		Schedule schedule = find(workflowId, scheduleId, false);
		ZoneId zone = schedule.timing().zone();
		List<ExecutionResponse> runs = this.jdbc
			.sql("SELECT id, due_at, manual, status, run_id, sent, failed, rows, message, queued_at, started_at, "
					+ "finished_at FROM schedule_execution WHERE schedule_id = ? ORDER BY due_at DESC, id DESC LIMIT ?")
			.params(scheduleId, HISTORY)
			.query((rs, n) -> {
				Long runId = (Long) rs.getObject("run_id");
				String report = (runId != null && schedule.actionId() != null)
						? "/workflows/" + workflowId + "/actions/" + schedule.actionId() + "/runs/" + runId : null;
				return new ExecutionResponse(rs.getLong("id"), at(Schedule.instant(rs, "due_at"), zone),
						rs.getBoolean("manual"), rs.getString("status"), runId, (Long) rs.getObject("sent"),
						(Long) rs.getObject("failed"), (Long) rs.getObject("rows"), rs.getString("message"),
						at(Schedule.instant(rs, "queued_at"), zone), at(Schedule.instant(rs, "started_at"), zone),
						at(Schedule.instant(rs, "finished_at"), zone), report);
			})
			.list();
		return response(schedule, workflowName, runs);
	}

	/**
	 * The schedules of a workflow.
	 * @param workflowId the workflow
	 * @param userEmail who asks
	 * @return them, by name
	 */
	@Transactional(readOnly = true)
	public List<ScheduleResponse> list(long workflowId, String userEmail) {
		String workflowName = this.workflows.nameOfWorkflowOpenTo(workflowId, userEmail);
		return this.jdbc.sql("SELECT " + Schedule.COLUMNS + " FROM schedule WHERE workflow_id = ? ORDER BY name, id")
			.param(workflowId)
			.query(Schedule::map)
			.list()
			.stream()
			.map((schedule) -> response(schedule, workflowName, List.of()))
			.toList();
	}

	/**
	 * The schedules of every workflow the user can open.
	 * @param userEmail the user
	 * @return them, by workflow and name
	 */
	@Transactional(readOnly = true)
	public List<ScheduleResponse> listForUser(String userEmail) {
		Map<Long, String> names = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT w.id, w.name FROM known_workflow w WHERE w.owner_email = ? OR EXISTS (SELECT 1 FROM "
					+ "known_workflow_share s WHERE s.workflow_id = w.id AND s.user_email = ?) ORDER BY w.name, w.id")
			.params(userEmail, userEmail)
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		if (names.isEmpty()) {
			return List.of();
		}
		List<ScheduleResponse> all = new java.util.ArrayList<>();
		for (Map.Entry<Long, String> workflow : names.entrySet()) {
			this.jdbc.sql("SELECT " + Schedule.COLUMNS + " FROM schedule WHERE workflow_id = ? ORDER BY name, id")
				.param(workflow.getKey())
				.query(Schedule::map)
				.list()
				.forEach((schedule) -> all.add(response(schedule, workflow.getValue(), List.of())));
		}
		return all;
	}

	/** workflow.deleted: its schedules, their triggers and history go. */
	@Override
	public void delete(long workflowId) {
		List<Schedule> schedules = this.jdbc
			.sql("SELECT " + Schedule.COLUMNS + " FROM schedule WHERE workflow_id = ? FOR UPDATE")
			.param(workflowId)
			.query(Schedule::map)
			.list();
		for (Schedule schedule : schedules) {
			this.triggers.remove(schedule.id());
			this.jdbc.sql("DELETE FROM schedule WHERE id = ?").param(schedule.id()).update();
			this.events.publishEvent(
					new ScheduleDeleted(workflowId, schedule.id(), schedule.name(), null, this.clock.instant()));
		}
	}

	/** A clone starts without schedules: they act as their creator, who chose them. */
	@Override
	public void copy(long sourceWorkflowId, long cloneWorkflowId) {
		// nothing copied
	}

	/**
	 * A flush empties the table but keeps the actions, so schedules stay; a run that
	 * finds a column missing is refused by action-service with the reason shown.
	 */
	@Override
	public void flush(long workflowId) {
		// nothing to remove
	}

	private Schedule changeable(long workflowId, long scheduleId, String userEmail) {
		this.workflows.nameOfWorkflowOpenTo(workflowId, userEmail);
		Schedule schedule = find(workflowId, scheduleId, true);
		if (!schedule.ownerEmail().equals(userEmail)) {
			// the workflow's owner may change anyone's schedule; others only their own
			this.workflows.requireOwner(workflowId, userEmail);
		}
		return schedule;
	}

	private Schedule find(long workflowId, long scheduleId, boolean lock) {
		return this.jdbc
			.sql("SELECT " + Schedule.COLUMNS + " FROM schedule WHERE id = ? AND workflow_id = ?"
					+ (lock ? " FOR UPDATE" : ""))
			.params(scheduleId, workflowId)
			.query(Schedule::map)
			.optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"There is no schedule " + scheduleId + " in this workflow."));
	}

	private void requireUniqueName(long workflowId, String name, long exceptId) {
		boolean taken = this.jdbc.sql("SELECT count(*) FROM schedule WHERE workflow_id = ? AND name = ? AND id <> ?")
			.params(workflowId, name, exceptId)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"This workflow already has a schedule named \"" + name + "\": choose another name.");
		}
	}

	/** The non-timing fields, checked; those left out keep the previous values. */
	private Fields fields(ScheduleRequest request, Schedule previous) {
		String name = (request.name() != null) ? request.name().trim() : (previous != null) ? previous.name() : "";
		if (name.isEmpty()) {
			throw new InvalidScheduleException("name", "Give the schedule a name.");
		}
		if (name.length() > 200) {
			throw new InvalidScheduleException("name", "The name is longer than 200 characters.");
		}
		String description = (request.description() != null) ? request.description()
				: (previous != null) ? previous.description() : "";
		if (description.length() > 2000) {
			throw new InvalidScheduleException("description", "The description is longer than 2000 characters.");
		}
		String kind = (request.kind() != null && !request.kind().isBlank())
				? request.kind().trim().toUpperCase(Locale.ROOT) : (previous != null) ? previous.kind() : "ACTION_RUN";
		boolean incremental = (request.incremental() != null) ? request.incremental()
				: (previous != null) && previous.incremental();
		Map<String, Object> stored = (previous != null) ? JSON.readValue(previous.parameters(), new TypeReference<>() {
		}) : Map.of();
		boolean sameKind = previous != null && previous.kind().equals(kind);
		if (kind.equals("ACTION_RUN")) {
			Long actionId = (request.actionId() != null) ? request.actionId()
					: (previous != null) ? previous.actionId() : null;
			if (actionId == null || actionId < 1) {
				throw new InvalidScheduleException("actionId", "Choose the action to run (actionId).");
			}
			Map<String, Object> parameters = (request.parameters() != null) ? new LinkedHashMap<>(request.parameters())
					: sameKind ? stored : Map.of();
			if (HIDDEN.equals(parameters.get("token")) && sameKind) {
				// the masked token as shown: the stored one stays
				parameters.put("token", stored.get("token"));
			}
			checkRunParameters(parameters);
			return new Fields(name, description, kind, actionId, JSON.writeValueAsString(this.tokens.seal(parameters)),
					incremental);
		}
		if (!kind.equals("TABLE_REFRESH")) {
			throw new InvalidScheduleException("kind",
					"The kind \"" + request.kind() + "\" is not known: use ACTION_RUN or TABLE_REFRESH.");
		}
		if (incremental) {
			throw new InvalidScheduleException("incremental",
					"Incremental runs are for actions: a table refresh always reads the whole source.");
		}
		Map<String, Object> old = sameKind ? stored : Map.of();
		Object connection = (request.connectionId() != null) ? request.connectionId() : old.get("connectionId");
		if (!(connection instanceof Number number) || number.longValue() < 1) {
			throw new InvalidScheduleException("connectionId", "Choose the SQL connection to read (connectionId).");
		}
		String query = (request.query() != null) ? (request.query().isBlank() ? null : request.query())
				: (String) old.get("query");
		if (query != null && query.length() > 100_000) {
			throw new InvalidScheduleException("query", "The query is longer than 100000 characters.");
		}
		String mode = lower((request.mode() != null) ? request.mode() : (String) old.getOrDefault("mode", "replace"));
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("connectionId", number.longValue());
		parameters.put("query", query);
		parameters.put("mode", mode);
		if (mode.equals("merge")) {
			String how = lower((request.how() != null) ? request.how() : (String) old.getOrDefault("how", "outer"));
			if (!Set.of("inner", "outer", "left", "right").contains(how)) {
				throw new InvalidScheduleException("how",
						"The merge \"" + how + "\" is not known: use inner, outer, left or right.");
			}
			String leftOn = (request.leftOn() != null) ? request.leftOn().trim() : (String) old.get("leftOn");
			String rightOn = (request.rightOn() != null) ? request.rightOn().trim() : (String) old.get("rightOn");
			if (leftOn == null || leftOn.isEmpty()) {
				throw new InvalidScheduleException("leftOn", "A merge needs the key column of the table (leftOn).");
			}
			if (rightOn == null || rightOn.isEmpty()) {
				throw new InvalidScheduleException("rightOn",
						"A merge needs the key column of the query's result (rightOn).");
			}
			parameters.put("how", how);
			parameters.put("leftOn", leftOn);
			parameters.put("rightOn", rightOn);
		}
		else if (mode.equals("replace")) {
			parameters.put("how", null);
			parameters.put("leftOn", null);
			parameters.put("rightOn", null);
		}
		else {
			throw new InvalidScheduleException("mode", "The mode \"" + mode + "\" is not known: use replace or merge.");
		}
		return new Fields(name, description, kind, null, JSON.writeValueAsString(parameters), false);
	}

	private static String lower(String text) {
		return (text != null) ? text.trim().toLowerCase(Locale.ROOT) : "";
	}

	/** The fields of an interactive run, each of the right type. */
	private static void checkRunParameters(Map<String, Object> parameters) {
		for (Map.Entry<String, Object> entry : parameters.entrySet()) {
			String key = entry.getKey();
			Object value = entry.getValue();
			if (value == null) {
				continue;
			}
			if (STRING_PARAMETERS.contains(key)) {
				if (!(value instanceof String text)) {
					throw new InvalidScheduleException("parameters", "The run parameter " + key + " must be text.");
				}
				if (key.equals("targetUrl") && !text.isBlank() && !isHttp(text)) {
					throw new InvalidScheduleException("parameters",
							"The run parameter targetUrl must be an http:// or https:// address.");
				}
			}
			else if (BOOLEAN_PARAMETERS.contains(key)) {
				if (!(value instanceof Boolean)) {
					throw new InvalidScheduleException("parameters",
							"The run parameter " + key + " must be true or false.");
				}
			}
			else if (key.equals("exclude")) {
				if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
					throw new InvalidScheduleException("parameters",
							"The run parameter exclude must be a list of email addresses.");
				}
			}
			else {
				throw new InvalidScheduleException("parameters", "\"" + key + "\" is not a run parameter: use "
						+ "emailColumn, subject, cc, bcc, trackRead, sendSummary, exclude, keyColumn, targetUrl or token.");
			}
		}
	}

	private static boolean isHttp(String text) {
		try {
			URI uri = URI.create(text.trim());
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private ScheduleResponse response(Schedule schedule, String workflowName, List<ExecutionResponse> runs) {
		Timing timing = schedule.timing();
		ZoneId zone = timing.zone();
		Map<String, Object> parameters = JSON.readValue(schedule.parameters(), new TypeReference<>() {
		});
		if (parameters.get("token") instanceof String token && !token.isEmpty()) {
			// a delivery token is a secret of the target: never shown back
			parameters.put("token", HIDDEN);
		}
		Integer amount = timing.everyAmount();
		String unit = timing.everyUnit();
		return new ScheduleResponse(schedule.id(), schedule.workflowId(), workflowName, schedule.name(),
				schedule.description(), schedule.ownerEmail(), schedule.kind(), schedule.actionId(), parameters,
				schedule.incremental(), at(timing.runAt(), zone), timing.cron(), "MINUTES".equals(unit) ? amount : null,
				"HOURS".equals(unit) ? amount : null, "DAYS".equals(unit) ? amount : null, at(timing.start(), zone),
				at(timing.end(), zone), zone.getId(), timing.describe(), schedule.status(), schedule.reason(),
				at(schedule.status().equals("PAUSED") ? null : schedule.nextRun(), zone), at(schedule.lastRun(), zone),
				schedule.lastResult(), runs);
	}

	private static OffsetDateTime at(Instant instant, ZoneId zone) {
		return (instant != null) ? instant.atZone(zone).toOffsetDateTime() : null;
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private record Fields(String name, String description, String kind, Long actionId, String parameters,
			boolean incremental) {
	}

}
