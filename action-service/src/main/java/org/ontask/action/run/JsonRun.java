package org.ontask.action.run;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.Selection;
import org.ontask.action.delivery.JsonPoster;
import org.ontask.action.delivery.TargetRefusedException;
import org.ontask.action.delivery.TargetUrls;
import org.ontask.action.delivery.TokenCipher;
import org.ontask.action.preview.MessageRenderer;
import org.ontask.action.template.JsonText;
import org.ontask.action.template.TemplateException;
import org.ontask.action.template.ValueText;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries out one claimed JSON run: {@code personalized_json} POSTs one document per
 * selected learner, {@code json_report} one document. As with email, each learner gets a
 * row in {@code action_run_message} (recipient = the learner's key value) before the
 * document goes out, so a resumed or redelivered run never delivers to a learner twice;
 * the row records the outcome and the target's HTTP status. When the target cannot be
 * reached (after retries, or while its circuit is open) the run pauses like an email run
 * whose mail server is down.
 */
final class JsonRun {

	/** The row id recorded for the one document of a JSON report. */
	static final long REPORT_ROW = 0;

	private final RunWorker worker;

	private final Tools tools;

	private final RunWorker.Run run;

	JsonRun(RunWorker worker, Tools tools, RunWorker.Run run) {
		this.worker = worker;
		this.tools = tools;
		this.run = run;
	}

	void carryOut() {
		ActionResponse action = this.tools.actions.get(this.run.workflowId(), this.run.actionId(),
				this.run.actorEmail());
		URI target;
		try {
			target = this.tools.targets.check(this.run.targetUrl());
		}
		catch (TargetRefusedException ex) {
			this.worker.finish(this.run.id(), "FAILED", "The target URL cannot be used: " + ex.getMessage());
			return;
		}
		String token = (this.run.token() != null) ? this.tools.cipher.decrypt(this.run.token()) : null;
		List<DataColumn> columns = this.tools.dataops.columns(this.run.workflowId());
		MessageRenderer.Prepared prepared = this.tools.renderer.prepare(action, columns);
		this.tools.jdbc
			.sql("UPDATE action_run_message SET status = 'FAILED', error = 'interrupted while sending: not "
					+ "confirmed, so not sent again' WHERE run_id = ? AND status = 'SENDING'")
			.param(this.run.id())
			.update();
		Set<Long> done = new HashSet<>(this.tools.jdbc.sql("SELECT row_id FROM action_run_message WHERE run_id = ?")
			.param(this.run.id())
			.query(Long.class)
			.list());
		if (action.type().equals("json_report")) {
			if (done.contains(REPORT_ROW)
					|| deliver(prepared, new Selection.Row(REPORT_ROW, Map.of(), Map.of()), "report", target, token)) {
				this.worker.progress(this.run.id(), 1);
				this.worker.finish(this.run.id(), "DONE", null);
			}
			return;
		}
		String keyColumn = this.run.emailColumn();
		List<String> wanted = new ArrayList<>(prepared.columnsUsed());
		if (!wanted.contains(keyColumn)) {
			wanted.add(keyColumn);
		}
		int offset = 0;
		long total;
		do {
			Selection page = this.tools.dataops.selection(this.run.workflowId(),
					ActionService.selectionOf(action, wanted, offset, RunWorker.PAGE));
			total = page.total();
			Set<String> reached = this.worker.reachedEarlier(this.run, page, keyColumn);
			for (Selection.Row row : page.rows()) {
				if (!done.add(row.rowId())) {
					continue;
				}
				String key = ValueText.of(row.values().get(keyColumn)).trim();
				if (key.isEmpty()) {
					this.worker.record(this.run.id(), row.rowId(), key, "FAILED",
							"no value in the key column \"" + keyColumn + "\"");
					continue;
				}
				if (this.run.exclude().contains(key)) {
					this.worker.record(this.run.id(), row.rowId(), key, "EXCLUDED", null);
					continue;
				}
				if (reached.contains(key)) {
					this.worker.record(this.run.id(), row.rowId(), key, "EXCLUDED", RunWorker.REACHED_EARLIER);
					continue;
				}
				if (!deliver(prepared, row, key, target, token)) {
					this.worker.progress(this.run.id(), (int) total);
					return;
				}
			}
			this.worker.progress(this.run.id(), (int) total);
			offset += RunWorker.PAGE;
		}
		while (offset < total);
		this.worker.finish(this.run.id(), "DONE", null);
	}

	/** One document; false when the target is unreachable and the run has paused. */
	private boolean deliver(MessageRenderer.Prepared prepared, Selection.Row row, String key, URI target,
			String token) {
		String document;
		try {
			document = prepared.render(row).html();
		}
		catch (TemplateException ex) {
			this.worker.record(this.run.id(), row.rowId(), key, "FAILED", ex.getMessage());
			return true;
		}
		String problem = JsonText.problem(document);
		if (problem != null) {
			this.worker.record(this.run.id(), row.rowId(), key, "FAILED", "the document is " + problem);
			return true;
		}
		this.worker.record(this.run.id(), row.rowId(), key, "SENDING", null);
		JsonPoster.Outcome outcome = this.tools.poster.post(target, token, document);
		switch (outcome.kind()) {
			case DELIVERED -> outcome(row.rowId(), "SENT", null, outcome.httpStatus());
			case FAILED -> outcome(row.rowId(), "FAILED", outcome.error(), outcome.httpStatus());
			case UNREACHABLE -> {
				// nothing went out: forget the learner so a resumed run handles them
				this.tools.jdbc.sql("DELETE FROM action_run_message WHERE run_id = ? AND row_id = ?")
					.params(this.run.id(), row.rowId())
					.update();
				this.worker.pause(this.run, "The target cannot be reached: " + outcome.error() + ".");
				return false;
			}
		}
		return true;
	}

	private void outcome(long rowId, String status, String error, Integer httpStatus) {
		this.tools.jdbc
			.sql("UPDATE action_run_message SET status = ?, error = ?, http_status = ?, at = ? "
					+ "WHERE run_id = ? AND row_id = ?")
			.params(status, error, httpStatus, Timestamp.from(Instant.now()), this.run.id(), rowId)
			.update();
	}

	/** What JSON and report runs use, beyond the worker. */
	@Component
	static class Tools {

		private final JdbcClient jdbc;

		private final ActionService actions;

		private final DataopsClient dataops;

		private final MessageRenderer renderer;

		private final JsonPoster poster;

		private final TargetUrls targets;

		private final TokenCipher cipher;

		Tools(JdbcClient jdbc, ActionService actions, DataopsClient dataops, MessageRenderer renderer,
				JsonPoster poster, TargetUrls targets, TokenCipher cipher) {
			this.jdbc = jdbc;
			this.actions = actions;
			this.dataops = dataops;
			this.renderer = renderer;
			this.poster = poster;
			this.targets = targets;
			this.cipher = cipher;
		}

		JdbcClient jdbc() {
			return this.jdbc;
		}

		ActionService actions() {
			return this.actions;
		}

		DataopsClient dataops() {
			return this.dataops;
		}

		MessageRenderer renderer() {
			return this.renderer;
		}

	}

}
