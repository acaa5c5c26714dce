package org.ontask.action.run;

import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.config.ActionProperties;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.Selection;
import org.ontask.action.preview.MessageRenderer;
import org.ontask.action.template.TemplateException;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Carries out one claimed {@code email_report} run: the action's text rendered once (its
 * {@code ot_insert_report} tables list the columns over the learners the filter selects)
 * and emailed to the run's fixed recipients, with the views the action attaches as CSV
 * files ({@link ReportAttachments}). Recorded as one message (row 0) before it goes out,
 * so a resumed or redelivered run does not send it twice; a mail server that cannot be
 * reached after retries pauses the run.
 * <p>
 * A chosen view that has been deleted since does not stop the report: the instructor
 * deleted it on purpose (the original drops a deleted view from its actions'
 * attachments), and a report that is not sent at all, above all a scheduled one, loses
 * more than one file. The report goes without it and the run's report names the view, so
 * nothing is left out silently.
 */
final class EmailReportRun {

	private final RunWorker worker;

	private final JsonRun.Tools tools;

	private final JavaMailSender mail;

	private final ActionProperties properties;

	private final RunWorker.Run run;

	private final ReportAttachments attachments;

	EmailReportRun(RunWorker worker, JsonRun.Tools tools, JavaMailSender mail, ActionProperties properties,
			ReportAttachments attachments, RunWorker.Run run) {
		this.worker = worker;
		this.attachments = attachments;
		this.tools = tools;
		this.mail = mail;
		this.properties = properties;
		this.run = run;
	}

	void carryOut() {
		ActionResponse action = RunWorker.withSubject(
				this.tools.actions().get(this.run.workflowId(), this.run.actionId(), this.run.actorEmail()),
				this.run.subject());
		List<DataColumn> columns = this.tools.dataops().columns(this.run.workflowId());
		MessageRenderer.Prepared prepared = this.tools.renderer().prepare(action, columns);
		this.tools.jdbc()
			.sql("UPDATE action_run_message SET status = 'FAILED', error = 'interrupted while sending: not "
					+ "confirmed, so not sent again' WHERE run_id = ? AND status = 'SENDING'")
			.param(this.run.id())
			.update();
		boolean handled = this.tools.jdbc()
			.sql("SELECT count(*) FROM action_run_message WHERE run_id = ?")
			.param(this.run.id())
			.query(Long.class)
			.single() > 0;
		String warning;
		if (handled) {
			// sent before (a redelivered command): the run keeps what it said then
			warning = this.tools.jdbc()
				.sql("SELECT message FROM action_run WHERE id = ?")
				.param(this.run.id())
				.query(String.class)
				.optional()
				.orElse(null);
		}
		else {
			try (ReportAttachments.Written files = this.attachments.write(action, this.run.actorEmail())) {
				warning = files.warning();
				if (!send(prepared, files)) {
					return;
				}
			}
		}
		this.worker.progress(this.run.id(), 1);
		this.worker.finish(this.run.id(), "DONE", warning);
	}

	/** False when the mail server is unreachable and the run has paused. */
	private boolean send(MessageRenderer.Prepared prepared, ReportAttachments.Written files) {
		String to = this.run.emailTo();
		MessageRenderer.Message message;
		try {
			message = prepared.render(new Selection.Row(JsonRun.REPORT_ROW, Map.of(), Map.of()));
		}
		catch (TemplateException ex) {
			this.worker.record(this.run.id(), JsonRun.REPORT_ROW, to, "FAILED", ex.getMessage());
			return true;
		}
		String from = this.properties.emailFrom().isBlank() ? this.run.actorEmail() : this.properties.emailFrom();
		this.worker.record(this.run.id(), JsonRun.REPORT_ROW, to, "SENDING", null);
		long backoff = this.properties.smtpBackoff().toMillis();
		for (int attempt = 1;; attempt++) {
			try {
				this.mail.send(mime(from, message, files));
				this.worker.update(this.run.id(), JsonRun.REPORT_ROW, "SENT", null);
				return true;
			}
			catch (MailException | MessagingException ex) {
				if (!RunWorker.temporary(ex)) {
					this.worker.update(this.run.id(), JsonRun.REPORT_ROW, "FAILED", RunWorker.reason(ex));
					return true;
				}
				if (attempt >= this.properties.smtpAttempts()) {
					this.tools.jdbc()
						.sql("DELETE FROM action_run_message WHERE run_id = ? AND row_id = ?")
						.params(this.run.id(), JsonRun.REPORT_ROW)
						.update();
					this.worker.pause(this.run, "The mail server cannot be reached.");
					return false;
				}
				RunWorker.sleep(backoff);
				backoff *= 2;
			}
		}
	}

	private MimeMessage mime(String from, MessageRenderer.Message message, ReportAttachments.Written files)
			throws MessagingException {
		MimeMessage mime = this.mail.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
		helper.setFrom(from);
		helper.setTo(this.run.emailTo().split(" "));
		if (!this.run.cc().isBlank()) {
			helper.setCc(this.run.cc().split(" "));
		}
		if (!this.run.bcc().isBlank()) {
			helper.setBcc(this.run.bcc().split(" "));
		}
		helper.setSubject(message.subject());
		// cells apart in the plain-text part
		helper.setText(RunWorker.plainText(message.html().replaceAll("(?i)</t[dh]>(?=\\s*<t[dh])", "\t")),
				message.html());
		files.addTo(helper);
		return mime;
	}

}
