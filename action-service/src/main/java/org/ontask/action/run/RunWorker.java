package org.ontask.action.run;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.config.ActionProperties;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.Selection;
import org.ontask.action.preview.MessageRenderer;
import org.ontask.action.template.TemplateException;
import org.ontask.action.template.ValueText;
import org.ontask.action.tracking.ReadTracking;
import org.ontask.platform.internal.InternalCalls;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * Carries out runs taken from the work queue. A replica claims a run (queued, or running
 * with a heartbeat older than {@link #STALE_SECONDS}, i.e. its replica died), then goes
 * through the selected learners page by page. Each learner gets a row in
 * {@code action_run_message} before the email is sent, so a learner is never sent the
 * run's message twice; a row still {@code SENDING} after a crash is reported as not
 * confirmed instead of resent. When the mail server cannot be reached even after retries
 * with backoff, the run pauses with nothing lost and can be resumed.
 */
@Component
class RunWorker {

	static final int STALE_SECONDS = 30;

	static final int PAGE = 200;

	private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// compiled once: plainText runs once per message of a run
	private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");

	private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|li|tr)>");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

	private final JdbcClient jdbc;

	private final ActionService actions;

	private final DataopsClient dataops;

	private final MessageRenderer renderer;

	private final JavaMailSender mail;

	private final ActionProperties properties;

	private final RunService runs;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final JsonRun.Tools json;

	private final ReadTracking tracking;

	private final ReportAttachments attachments;

	RunWorker(JdbcClient jdbc, ActionService actions, DataopsClient dataops, MessageRenderer renderer,
			JavaMailSender mail, ActionProperties properties, RunService runs, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, JsonRun.Tools json, ReadTracking tracking,
			ReportAttachments attachments) {
		this.json = json;
		this.attachments = attachments;
		this.events = events;
		this.tracking = tracking;
		this.transaction = new TransactionTemplate(transactions);
		this.jdbc = jdbc;
		this.actions = actions;
		this.dataops = dataops;
		this.renderer = renderer;
		this.mail = mail;
		this.properties = properties;
		this.runs = runs;
	}

	/** Runs left queued or running by a stopped replica go back on the queue. */
	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		for (Long id : this.jdbc.sql("SELECT id FROM action_run WHERE status IN ('QUEUED', 'RUNNING')")
			.query(Long.class)
			.list()) {
			this.runs.enqueue(id);
		}
	}

	@RabbitListener(queues = "#{@actionRunsQueue.name}")
	void on(RunCommand command) {
		Run run = claim(command.runId());
		if (run == null) {
			return;
		}
		try {
			InternalCalls.actingAs(run.actorEmail(), () -> {
				if (run.targetUrl() != null) {
					new JsonRun(this, this.json, run).carryOut();
				}
				else if (run.emailTo() != null) {
					new EmailReportRun(this, this.json, this.mail, this.properties, this.attachments, run).carryOut();
				}
				else {
					carryOut(run);
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			log.warn("Run {} failed", run.id(), ex);
			finish(run.id(), "FAILED", "The run stopped: " + reason(ex));
		}
	}

	private Run claim(long runId) {
		return this.jdbc
			.sql("UPDATE action_run SET status = 'RUNNING', heartbeat = now() WHERE id = ? AND (status = 'QUEUED' "
					+ "OR (status = 'RUNNING' AND (heartbeat IS NULL OR heartbeat < now() - make_interval(secs => ?)))) "
					+ "RETURNING id, workflow_id, action_id, actor_email, email_column, subject, cc, bcc, "
					+ "send_summary, exclude, target_url, token, schedule_id, schedule_execution_id, incremental, "
					+ "email_to")
			.params(runId, STALE_SECONDS)
			.query((rs, n) -> new Run(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
					Set.copyOf(List.of(JSON.readValue(rs.getString(10), String[].class))), rs.getString(11),
					rs.getBytes(12), (Long) rs.getObject(13, Long.class), (Long) rs.getObject(14, Long.class),
					rs.getBoolean(15), rs.getString(16)))
			.optional()
			.orElse(null);
	}

	private void carryOut(Run run) {
		ActionResponse action = withSubject(this.actions.get(run.workflowId(), run.actionId(), run.actorEmail()),
				run.subject());
		List<DataColumn> columns = this.dataops.columns(run.workflowId());
		MessageRenderer.Prepared prepared = this.renderer.prepare(action, columns);
		List<String> wanted = new ArrayList<>(prepared.columnsUsed());
		if (!wanted.contains(run.emailColumn())) {
			wanted.add(run.emailColumn());
		}
		this.jdbc
			.sql("UPDATE action_run_message SET status = 'FAILED', error = 'interrupted while sending: not "
					+ "confirmed, so not sent again' WHERE run_id = ? AND status = 'SENDING'")
			.param(run.id())
			.update();
		Set<Long> done = new HashSet<>(this.jdbc.sql("SELECT row_id FROM action_run_message WHERE run_id = ?")
			.param(run.id())
			.query(Long.class)
			.list());
		String from = this.properties.emailFrom().isBlank() ? run.actorEmail() : this.properties.emailFrom();
		long pause = (this.properties.emailsPerSecond() > 0) ? (long) (1000 / this.properties.emailsPerSecond()) : 0;
		int offset = 0;
		long total;
		try (SmtpConnection smtp = new SmtpConnection(this.mail); Confirmations sent = new Confirmations(run.id())) {
			do {
				Selection page = this.dataops.selection(run.workflowId(),
						ActionService.selectionOf(action, wanted, offset, PAGE));
				total = page.total();
				Set<String> reached = reachedEarlier(run, page, run.emailColumn());
				for (Selection.Row row : page.rows()) {
					if (!done.add(row.rowId())) {
						continue;
					}
					String key = ValueText.of(row.values().get(run.emailColumn())).trim();
					if (reached.contains(key)) {
						sent.flush();
						record(run.id(), row.rowId(), key, "EXCLUDED", REACHED_EARLIER);
						continue;
					}
					if (!send(run, prepared, row, from, smtp, sent)) {
						sent.flush();
						progress(run.id(), (int) total);
						pause(run, "The mail server cannot be reached.");
						return;
					}
					if (pause > 0) {
						sleep(pause);
					}
				}
				sent.flush();
				progress(run.id(), (int) total);
				offset += PAGE;
			}
			while (offset < total);
		}
		finish(run.id(), "DONE", null);
		if (run.sendSummary()) {
			summary(run, from);
		}
	}

	/**
	 * One learner; false when the mail server is unreachable (the learner stays
	 * unhandled).
	 */
	private boolean send(Run run, MessageRenderer.Prepared prepared, Selection.Row row, String from,
			SmtpConnection smtp, Confirmations sent) {
		String recipient = ValueText.of(row.values().get(run.emailColumn())).trim();
		if (run.exclude().contains(recipient)) {
			sent.flush();
			record(run.id(), row.rowId(), recipient, "EXCLUDED", null);
			return true;
		}
		try {
			new InternetAddress(recipient, true);
		}
		catch (AddressException ex) {
			sent.flush();
			record(run.id(), row.rowId(), recipient, "FAILED",
					recipient.isEmpty() ? "no email address" : "not a valid email address");
			return true;
		}
		MessageRenderer.Message message;
		try {
			message = prepared.render(row);
		}
		catch (TemplateException ex) {
			sent.flush();
			record(run.id(), row.rowId(), recipient, "FAILED", ex.getMessage());
			return true;
		}
		sent.sending(row.rowId(), recipient);
		long backoff = this.properties.smtpBackoff().toMillis();
		for (int attempt = 1;; attempt++) {
			try {
				smtp.send(mime(run, from, recipient, this.tracking.withPixel(run.id(), row.rowId(), message)));
				sent.sent(row.rowId());
				return true;
			}
			catch (MailException | MessagingException ex) {
				if (!temporary(ex)) {
					update(run.id(), row.rowId(), "FAILED", reason(ex));
					return true;
				}
				if (attempt >= this.properties.smtpAttempts()) {
					// not sent: forget the learner so a resumed run handles them
					this.jdbc.sql("DELETE FROM action_run_message WHERE run_id = ? AND row_id = ?")
						.params(run.id(), row.rowId())
						.update();
					return false;
				}
				sleep(backoff);
				backoff *= 2;
			}
		}
	}

	/**
	 * The message rows of one run's sending, one database round trip per message: the
	 * SENT of the message just confirmed by the mail server is written together with the
	 * SENDING of the next one, which must be committed before that one goes out (a run
	 * stopped mid-send finds it SENDING and never sends it twice). A confirmation still
	 * pending is written before any other write of the run and when the run stops.
	 */
	private final class Confirmations implements AutoCloseable {

		private final long runId;

		private long confirmed = -1;

		Confirmations(long runId) {
			this.runId = runId;
		}

		/** Records that a message is about to go out, with the last one's SENT. */
		void sending(long rowId, String recipient) {
			if (this.confirmed < 0) {
				record(this.runId, rowId, recipient, "SENDING", null);
				return;
			}
			Timestamp now = Timestamp.from(Instant.now());
			RunWorker.this.jdbc
				.sql("WITH confirmed AS (UPDATE action_run_message SET status = 'SENT', error = NULL, at = ? "
						+ "WHERE run_id = ? AND row_id = ?) "
						+ "INSERT INTO action_run_message (run_id, row_id, recipient, status, error, at) "
						+ "VALUES (?, ?, ?, 'SENDING', NULL, ?) ON CONFLICT (run_id, row_id) DO NOTHING")
				.params(now, this.runId, this.confirmed, this.runId, rowId, recipient, now)
				.update();
			this.confirmed = -1;
		}

		/** The mail server accepted the message: its SENT goes with the next write. */
		void sent(long rowId) {
			flush();
			this.confirmed = rowId;
		}

		void flush() {
			if (this.confirmed >= 0) {
				update(this.runId, this.confirmed, "SENT", null);
				this.confirmed = -1;
			}
		}

		@Override
		public void close() {
			flush();
		}

	}

	private MimeMessage mime(Run run, String from, String recipient, MessageRenderer.Message message)
			throws MessagingException {
		MimeMessage mime = this.mail.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
		helper.setFrom(from);
		helper.setTo(recipient);
		if (!run.cc().isBlank()) {
			helper.setCc(run.cc().split(" "));
		}
		if (!run.bcc().isBlank()) {
			helper.setBcc(run.bcc().split(" "));
		}
		helper.setSubject(message.subject());
		helper.setText(plainText(message.html()), message.html());
		return mime;
	}

	private void summary(Run run, String from) {
		try {
			RunResponse result = this.runs.find(run.workflowId(), run.actionId(), run.id());
			MimeMessage mime = this.mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
			helper.setFrom(from);
			helper.setTo(run.actorEmail());
			helper.setSubject("OnTask: run of \"" + run.subject() + "\" finished");
			helper
				.setText("The run finished at " + Instant.now() + ".\nSelected learners: " + result.total() + "\nSent: "
						+ result.sent() + "\nFailed: " + result.failed() + "\nExcluded: " + result.excluded() + "\n");
			this.mail.send(mime);
		}
		catch (MailException | MessagingException ex) {
			log.warn("The summary of run {} could not be sent", run.id(), ex);
		}
	}

	static final String REACHED_EARLIER = "reached by an earlier run of this schedule";

	/**
	 * For an incremental scheduled run: the key values of a page of learners that got a
	 * message (status SENT) in an earlier run of the same schedule. One query per page,
	 * matched in SQL; nothing grows with the schedule's history but the message rows.
	 */
	Set<String> reachedEarlier(Run run, Selection page, String keyColumn) {
		if (!run.incremental() || run.scheduleId() == null || page.rows().isEmpty()) {
			return Set.of();
		}
		String[] keys = page.rows()
			.stream()
			.map((row) -> ValueText.of(row.values().get(keyColumn)).trim())
			.distinct()
			.toArray(String[]::new);
		return new HashSet<>(this.jdbc
			.sql("SELECT DISTINCT m.recipient FROM action_run r JOIN action_run_message m ON m.run_id = r.id "
					+ "WHERE r.schedule_id = ? AND r.id <> ? AND m.status = 'SENT' AND m.recipient = ANY (?)")
			.params(run.scheduleId(), run.id(), keys)
			.query(String.class)
			.list());
	}

	/**
	 * Stops a run that cannot go on for now. An interactive run pauses (nothing lost; the
	 * user resumes it); a scheduled run ends as FAILED, so its schedule learns the
	 * outcome, and the learners it did not reach are handled by its next incremental run.
	 */
	void pause(Run run, String why) {
		if (run.scheduleId() != null) {
			finish(run.id(), "FAILED", why + " The learners not handled yet were left for the next run.");
		}
		else {
			finish(run.id(), "PAUSED", why + " Nothing was lost: resume the run when it is back, and it goes on "
					+ "with the learners not handled yet.");
		}
	}

	void record(long runId, long rowId, String recipient, String status, String error) {
		this.jdbc
			.sql("INSERT INTO action_run_message (run_id, row_id, recipient, status, error, at) "
					+ "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, row_id) DO NOTHING")
			.params(runId, rowId, recipient, status, error, Timestamp.from(Instant.now()))
			.update();
	}

	void update(long runId, long rowId, String status, String error) {
		this.jdbc.sql("UPDATE action_run_message SET status = ?, error = ?, at = ? WHERE run_id = ? AND row_id = ?")
			.params(status, error, Timestamp.from(Instant.now()), runId, rowId)
			.update();
	}

	void progress(long runId, int total) {
		this.jdbc.sql("UPDATE action_run r SET total = ?, heartbeat = now(), "
				+ "sent = (SELECT count(*) FROM action_run_message m WHERE m.run_id = r.id AND m.status = 'SENT'), "
				+ "failed = (SELECT count(*) FROM action_run_message m WHERE m.run_id = r.id AND m.status = 'FAILED'), "
				+ "excluded = (SELECT count(*) FROM action_run_message m WHERE m.run_id = r.id AND m.status = 'EXCLUDED') "
				+ "WHERE id = ?")
			.params(total, runId)
			.update();
	}

	void finish(long runId, String status, String message) {
		// the end and its event commit together (the event goes through the outbox)
		this.transaction.executeWithoutResult((tx) -> {
			markFinished(runId, status, message);
			if (!status.equals("PAUSED")) {
				// a JSON run's token is needed no longer
				this.jdbc.sql("UPDATE action_run SET token = NULL WHERE id = ?").param(runId).update();
				this.jdbc
					.sql("SELECT workflow_id, action_id, sent, failed, excluded, schedule_id, schedule_execution_id, "
							+ "message FROM action_run WHERE id = ?")
					.param(runId)
					.query((rs, n) -> new ActionRunCompleted(rs.getLong(1), rs.getLong(2), runId, rs.getLong(3),
							rs.getLong(4), rs.getLong(5), status, Instant.now(), (Long) rs.getObject(6, Long.class),
							(Long) rs.getObject(7, Long.class), rs.getString(8)))
					.optional()
					.ifPresent(this.events::publishEvent);
			}
		});
	}

	private void markFinished(long runId, String status, String message) {
		this.jdbc.sql("UPDATE action_run r SET status = ?, message = ?, finished_at = ?, "
				+ "sent = (SELECT count(*) FROM action_run_message m WHERE m.run_id = r.id AND m.status = 'SENT'), "
				+ "failed = (SELECT count(*) FROM action_run_message m WHERE m.run_id = r.id AND m.status = 'FAILED'), "
				+ "excluded = (SELECT count(*) FROM action_run_message m WHERE m.run_id = r.id AND m.status = 'EXCLUDED') "
				+ "WHERE id = ?")
			.params(status, message, status.equals("PAUSED") ? null : Timestamp.from(Instant.now()), runId)
			.update();
	}

	/** Connection problems pass; a refused address or message does not. */
	static boolean temporary(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SendFailedException) {
				return false;
			}
			if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
					|| cause instanceof UnknownHostException) {
				return true;
			}
			if (cause instanceof MessagingException messaging && messaging.getNextException() != null
					&& temporary(messaging.getNextException())) {
				return true;
			}
		}
		return ex instanceof org.springframework.mail.MailSendException && ex.getMessage() != null
				&& ex.getMessage().contains("connect");
	}

	static String reason(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank())
				? (message.length() > 300 ? message.substring(0, 297) + "..." : message)
				: ex.getClass().getSimpleName();
	}

	static String plainText(String html) {
		String text = TAG.matcher(BLOCK_END.matcher(LINE_BREAK.matcher(html).replaceAll("\n")).replaceAll("\n"))
			.replaceAll("");
		return BLANK_LINES.matcher(HtmlUtils.htmlUnescape(text)).replaceAll("\n\n").trim();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static ActionResponse withSubject(ActionResponse action, String subject) {
		return new ActionResponse(action.id(), action.workflowId(), action.name(), action.description(), action.type(),
				action.typeLabel(), subject, action.text(), action.filter(), action.filterText(), action.conditions(),
				action.createdAt(), action.updatedAt(), action.version(), action.warnings(), action.attachments());
	}

	/**
	 * A claimed run. For a JSON run {@code emailColumn} is the learner key column and
	 * {@code targetUrl} is set.
	 */
	record Run(long id, long workflowId, long actionId, String actorEmail, String emailColumn, String subject,
			String cc, String bcc, boolean sendSummary, Set<String> exclude, String targetUrl, byte[] token,
			Long scheduleId, Long executionId, boolean incremental, String emailTo) {
	}

}
