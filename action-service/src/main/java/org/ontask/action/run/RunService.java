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
import org.ontask.action.dataops.DataColumn;
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

	private final ReadTracking tracking;

	RunService(JdbcClient jdbc, ActionService actions, DataopsClient dataops, MessageRenderer renderer,
			RabbitTemplate rabbit, MessagingNames names, ApplicationEventPublisher events, ReadTracking tracking) {
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
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		if (action.type().equals("email_report")) {
			throw new InvalidRunException("Sending email reports is not available yet.");
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
		List<String> exclude = new ArrayList<>();
		if (request.exclude() != null) {
			request.exclude().stream().map(String::trim).filter((e) -> !e.isEmpty()).forEach(exclude::add);
		}
		Timestamp now = Timestamp.from(Instant.now());
		long id = this.jdbc
			.sql("INSERT INTO action_run (workflow_id, action_id, actor_email, email_column, subject, cc, bcc, "
					+ "send_summary, exclude, status, total, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?) RETURNING id")
			.params(workflowId, actionId, email, emailColumn, subject, cc, bcc,
					Boolean.TRUE.equals(request.sendSummary()), ActionService.JSON_TEXT.apply(exclude),
					(int) counts.total(), now)
			.query(Long.class)
			.single();
		if (Boolean.TRUE.equals(request.trackRead())) {
			this.tracking.track(workflowId, id, emailColumn, columns);
		}
		this.events
			.publishEvent(new ActionRunStarted(workflowId, actionId, id, counts.total(), email, now.toInstant()));
		enqueueAfterCommit(id);
		return find(workflowId, actionId, id);
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
