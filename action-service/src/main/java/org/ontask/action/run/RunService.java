package org.ontask.action.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.action.ActionType;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.delivery.TargetRefusedException;
import org.ontask.action.delivery.TargetUrls;
import org.ontask.action.delivery.TokenCipher;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.Selection;
import org.ontask.action.preview.MessageRenderer;
import org.ontask.action.template.TemplateException;
import org.ontask.action.tracking.ReadTracking;
import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.server.ResponseStatusException;

/**
 * Starts, shows and resumes runs. Starting checks everything a run needs before anything
 * is sent (the email column, addresses, templates, a non-empty selection), records the
 * run and, once that is committed, puts it on the work queue.
 */
@Service
public class RunService {

	private final JdbcClient jdbc;

	private final ActionService actions;

	private final DataopsClient dataops;

	private final MessageRenderer renderer;

	private final RabbitTemplate rabbit;

	private final MessagingNames names;

	private final ApplicationEventPublisher events;

	private final TargetUrls targets;

	private final TokenCipher cipher;

	private final ReadTracking tracking;

	RunService(JdbcClient jdbc, ActionService actions, DataopsClient dataops, MessageRenderer renderer,
			RabbitTemplate rabbit, MessagingNames names, ApplicationEventPublisher events, TargetUrls targets,
			TokenCipher cipher, ReadTracking tracking) {
		this.targets = targets;
		this.cipher = cipher;
		this.events = events;
		this.tracking = tracking;
		this.jdbc = jdbc;
		this.actions = actions;
		this.dataops = dataops;
		this.renderer = renderer;
		this.rabbit = rabbit;
		this.names = names;
	}

	/**
	 * Starts a run of an action.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor starting it
	 * @param request the run's settings
	 * @return the queued run
	 */
	@Transactional
	public RunResponse start(long workflowId, long actionId, String email, StartRunRequest request) {
		return start(workflowId, actionId, email, request, null);
	}

	/**
	 * Starts a run of an action, interactive or for a schedule, with the same checks.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor starting it (for a schedule, its owner)
	 * @param request the run's settings
	 * @param schedule the schedule's execution starting it; null for an interactive run
	 * @return the queued run
	 * @throws org.springframework.dao.DuplicateKeyException when the execution has a run
	 * already
	 */
	@Transactional
	public RunResponse start(long workflowId, long actionId, String email, StartRunRequest request, Schedule schedule) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		ActionType type = ActionType.fromCode(action.type()).orElseThrow();
		if (type.isJson()) {
			return startJson(action, type, email, request, schedule);
		}
		if (type == ActionType.EMAIL_REPORT) {
			return startReport(action, email, request, schedule);
		}
		if (Boolean.TRUE.equals(request.trackRead()) && !this.tracking.available()) {
			throw new InvalidRunException(ReadTracking.UNAVAILABLE);
		}
		List<DataColumn> columns = this.dataops.columns(workflowId);
		String emailColumn = (request.emailColumn() != null) ? request.emailColumn().trim() : "";
		if (columns.stream().noneMatch((column) -> column.name().equals(emailColumn))) {
			throw new InvalidRunException(emailColumn.isEmpty() ? "Choose the column with the email addresses."
					: "There is no column \"" + emailColumn + "\" in the table.");
		}
		String cc = String.join(" ", addresses(request.cc(), "Cc"));
		String bcc = String.join(" ", addresses(request.bcc(), "Bcc"));
		String subject = (request.subject() != null && !request.subject().isBlank()) ? request.subject().trim()
				: action.subject();
		if (subject.isBlank()) {
			throw new InvalidRunException("The messages need a subject.");
		}
		ActionResponse withSubject = RunWorker.withSubject(action, subject);
		try {
			this.renderer.prepare(withSubject, columns);
		}
		catch (TemplateException ex) {
			throw new InvalidRunException("The message cannot be sent: " + ex.getMessage());
		}
		Selection counts = this.dataops.selection(workflowId, ActionService.selectionOf(action, List.of(), 0, 0));
		if (counts.total() == 0) {
			throw new InvalidRunException(
					"Nobody is selected: the filter selects no learner, so there is nothing " + "to send.");
		}
		RunResponse run = insert(action, email, emailColumn, subject, cc, bcc, request, counts.total(), null, null,
				schedule);
		if (Boolean.TRUE.equals(request.trackRead())) {
			// in this transaction: the run is queued only after it commits, with its
			// column
			this.tracking.track(workflowId, run.id(), emailColumn, columns);
			return find(workflowId, actionId, run.id());
		}
		return run;
	}

	private RunResponse startReport(ActionResponse action, String email, StartRunRequest request, Schedule schedule) {
		List<String> to = addresses(request.emailTo(), "To");
		if (to.isEmpty()) {
			to = List.of(email);
		}
		String cc = String.join(" ", addresses(request.cc(), "Cc"));
		String bcc = String.join(" ", addresses(request.bcc(), "Bcc"));
		String subject = (request.subject() != null && !request.subject().isBlank()) ? request.subject().trim()
				: action.subject();
		if (subject.isBlank()) {
			throw new InvalidRunException("The report needs a subject.");
		}
		List<DataColumn> columns = this.dataops.columns(action.workflowId());
		try {
			this.renderer.prepare(RunWorker.withSubject(action, subject), columns);
		}
		catch (TemplateException ex) {
			throw new InvalidRunException("The report cannot be sent: " + ex.getMessage());
		}
		Selection counts = this.dataops.selection(action.workflowId(),
				ActionService.selectionOf(action, List.of(), 0, 0));
		if (counts.total() == 0) {
			throw new InvalidRunException(
					"Nobody is selected: the filter selects no learner, so the report would be empty.");
		}
		RunResponse run = insert(action, email, "", subject, cc, bcc, request, 1, null, null, schedule);
		this.jdbc.sql("UPDATE action_run SET email_to = ? WHERE id = ?")
			.params(String.join(" ", to), run.id())
			.update();
		return run;
	}

	private RunResponse startJson(ActionResponse action, ActionType type, String email, StartRunRequest request,
			Schedule schedule) {
		String target;
		try {
			target = this.targets.check(request.targetUrl()).toString();
		}
		catch (TargetRefusedException ex) {
			throw new InvalidRunException(ex.getMessage());
		}
		List<DataColumn> columns = this.dataops.columns(action.workflowId());
		String keyColumn = "";
		if (type == ActionType.PERSONALIZED_JSON) {
			keyColumn = (request.keyColumn() != null) ? request.keyColumn().trim() : "";
			String key = keyColumn;
			if (columns.stream().noneMatch((column) -> column.name().equals(key))) {
				throw new InvalidRunException(key.isEmpty() ? "Choose the column that identifies each learner."
						: "There is no column \"" + key + "\" in the table.");
			}
		}
		try {
			this.renderer.prepare(action, columns);
		}
		catch (TemplateException ex) {
			throw new InvalidRunException("The document cannot be sent: " + ex.getMessage());
		}
		Selection counts = this.dataops.selection(action.workflowId(),
				ActionService.selectionOf(action, List.of(), 0, 0));
		if (counts.total() == 0) {
			throw new InvalidRunException(
					"Nobody is selected: the filter selects no learner, so there is nothing to send.");
		}
		byte[] token = null;
		if (request.token() != null && !request.token().isBlank()) {
			if (!this.cipher.available()) {
				throw new InvalidRunException("The token is kept encrypted with the installation's secret key, and "
						+ "ONTASK_SECRET_KEY is not set: ask the administrator to set it.");
			}
			token = this.cipher.encrypt(request.token().trim());
		}
		long total = (type == ActionType.JSON_REPORT) ? 1 : counts.total();
		return insert(action, email, keyColumn, "", "", "", request, total, target, token, schedule);
	}

	private RunResponse insert(ActionResponse action, String email, String column, String subject, String cc,
			String bcc, StartRunRequest request, long total, String target, byte[] token, Schedule schedule) {
		List<String> exclude = new ArrayList<>();
		if (request.exclude() != null) {
			request.exclude().stream().map(String::trim).filter((e) -> !e.isEmpty()).forEach(exclude::add);
		}
		Timestamp now = Timestamp.from(Instant.now());
		long id = this.jdbc
			.sql("INSERT INTO action_run (workflow_id, action_id, actor_email, email_column, subject, cc, bcc, "
					+ "send_summary, exclude, status, total, created_at, target_url, token, schedule_id, "
					+ "schedule_execution_id, incremental) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?) RETURNING id")
			.params(action.workflowId(), action.id(), email, column, subject, cc, bcc,
					Boolean.TRUE.equals(request.sendSummary()), ActionService.JSON_TEXT.apply(exclude), (int) total,
					now, target, token, (schedule != null) ? schedule.scheduleId() : null,
					(schedule != null) ? schedule.executionId() : null, schedule != null && schedule.incremental())
			.query(Long.class)
			.single();
		this.events.publishEvent(new ActionRunStarted(action.workflowId(), action.id(), id, total, email,
				now.toInstant(), (schedule != null) ? schedule.scheduleId() : null,
				(schedule != null) ? schedule.executionId() : null));
		enqueueAfterCommit(id);
		return find(action.workflowId(), action.id(), id);
	}

	/**
	 * The schedule execution that starts a run.
	 *
	 * @param scheduleId the schedule
	 * @param executionId its execution (one run at most per execution)
	 * @param incremental whether learners reached by an earlier run of the schedule are
	 * left out
	 */
	public record Schedule(long scheduleId, long executionId, boolean incremental) {
	}

	/**
	 * Puts a paused or failed run back on the queue; it goes on with the learners it has
	 * not handled yet.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param runId the run
	 * @param email the user
	 * @return the run
	 */
	@Transactional
	public RunResponse resume(long workflowId, long actionId, long runId, String email) {
		this.actions.get(workflowId, actionId, email);
		int updated = this.jdbc
			.sql("UPDATE action_run SET status = 'QUEUED', message = NULL WHERE id = ? AND action_id = ? "
					+ "AND status IN ('PAUSED', 'FAILED')")
			.params(runId, actionId)
			.update();
		if (updated == 0) {
			find(workflowId, actionId, runId);
			throw new InvalidRunException("Only a paused or failed run can be resumed.");
		}
		boolean tokenErased = this.jdbc
			.sql("SELECT target_url IS NOT NULL AND finished_at IS NOT NULL FROM action_run WHERE id = ?")
			.param(runId)
			.query(Boolean.class)
			.single();
		if (tokenErased) {
			throw new InvalidRunException("A JSON run that has ended cannot be resumed (its token was erased when it "
					+ "ended): start a new run; exclude the learners already delivered if needed.");
		}
		enqueueAfterCommit(runId);
		return find(workflowId, actionId, runId);
	}

	/**
	 * A run of an action.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param runId the run
	 * @param email the user
	 * @return the run with its failures
	 */
	@Transactional(readOnly = true)
	public RunResponse get(long workflowId, long actionId, long runId, String email) {
		this.actions.get(workflowId, actionId, email);
		return find(workflowId, actionId, runId);
	}

	/**
	 * The runs of an action, newest first.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @return the runs (without failure details)
	 */
	@Transactional(readOnly = true)
	public List<RunResponse> list(long workflowId, long actionId, String email) {
		this.actions.get(workflowId, actionId, email);
		return this.jdbc
			.sql("SELECT id FROM action_run WHERE workflow_id = ? AND action_id = ? ORDER BY id DESC LIMIT 20")
			.params(workflowId, actionId)
			.query(Long.class)
			.list()
			.stream()
			.map((id) -> find(workflowId, actionId, id))
			.toList();
	}

	RunResponse find(long workflowId, long actionId, long runId) {
		List<RunResponse.Failure> failures = this.jdbc
			.sql("SELECT recipient, error FROM action_run_message WHERE run_id = ? AND status = 'FAILED' "
					+ "ORDER BY at LIMIT 200")
			.param(runId)
			.query((rs, n) -> new RunResponse.Failure(rs.getString(1), rs.getString(2)))
			.list();
		return this.jdbc
			.sql("SELECT id, action_id, status, total, sent, failed, excluded, message, created_at, finished_at "
					+ "FROM action_run WHERE id = ? AND workflow_id = ? AND action_id = ?")
			.params(runId, workflowId, actionId)
			.query((rs, n) -> new RunResponse(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
					rs.getInt(6), rs.getInt(7), rs.getString(8), failures, rs.getTimestamp(9).toInstant(),
					(rs.getTimestamp(10) != null) ? rs.getTimestamp(10).toInstant() : null))
			.optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"There is no run " + runId + " of this action."));
	}

	void enqueue(long runId) {
		this.rabbit.convertAndSend("", this.names.exchange(RunQueue.NAME), new RunCommand(runId));
	}

	private void enqueueAfterCommit(long runId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					enqueue(runId);
				}
			});
		}
		else {
			enqueue(runId);
		}
	}

	static List<String> addresses(String text, String what) {
		List<String> valid = new ArrayList<>();
		if (text == null) {
			return valid;
		}
		for (String address : Arrays.stream(text.split("[\\s,;]+")).filter((a) -> !a.isBlank()).toList()) {
			try {
				new InternetAddress(address, true);
				valid.add(address);
			}
			catch (AddressException ex) {
				throw new InvalidRunException(what + ": \"" + address + "\" is not a valid email address.");
			}
		}
		return valid;
	}

}
