package org.ontask.dataops.sqlsource;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.ontask.dataops.store.MergeHow;
import org.ontask.dataops.store.MergeOutcome;
import org.ontask.dataops.store.TableStore;
import org.ontask.dataops.upload.ColumnChoice;
import org.ontask.dataops.upload.Inspection;
import org.ontask.dataops.upload.UploadOptions;
import org.ontask.dataops.upload.Uploads;
import org.ontask.workflowaccess.WorkflowAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Carries out scheduled refreshes (contract C2): runs the actor's query on their SQL
 * connection (read only, as the upload wizard does) and replaces the workflow's table
 * with the result or merges it in, acting as the actor (the workflow must be open to
 * them). Idempotent on {@code executionId}: the execution is recorded in
 * {@code refresh_execution} in the same transaction as the table change and the
 * {@link TableRefreshCompleted} event, so a redelivered command changes nothing twice. A
 * refusal (no access, unknown connection, failing query, a merge that would break a
 * key...) leaves the table as it was and is reported as {@code FAILED} with the message
 * an interactive user would get.
 */
@Component
class ScheduledRefreshes {

	private static final Logger log = LoggerFactory.getLogger(ScheduledRefreshes.class);

	private final WorkflowAccess workflows;

	private final SqlConnections connections;

	private final SqlQueries queries;

	private final Uploads uploads;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock = Clock.systemUTC();

	ScheduledRefreshes(WorkflowAccess workflows, SqlConnections connections, SqlQueries queries, Uploads uploads,
			JdbcTemplate jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
		this.workflows = workflows;
		this.connections = connections;
		this.queries = queries;
		this.uploads = uploads;
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactions);
	}

	@RabbitListener(queues = "#{@scheduledRefreshesQueue.name}")
	void on(RefreshCommand command) {
		if (handled(command.executionId())) {
			log.debug("Refresh execution {} was handled already", command.executionId());
			return;
		}
		Path file = null;
		try {
			file = query(command);
			Path result = file;
			this.transactions.executeWithoutResult((status) -> {
				if (!record(command, "DONE", 0, "")) {
					return;
				}
				long rows = load(command, result);
				String message = (isMerge(command) ? "Merged " : "Replaced the table with ") + rows + " rows.";
				this.jdbc.update("UPDATE refresh_execution SET row_count = ?, message = ? WHERE execution_id = ?", rows,
						message, command.executionId());
				this.events.publishEvent(new TableRefreshCompleted(command.workflowId(), command.scheduleId(),
						command.executionId(), "DONE", rows, message, this.clock.instant()));
			});
		}
		catch (ResponseStatusException ex) {
			String reason = (ex.getReason() != null) ? ex.getReason() : ex.getMessage();
			log.info("Refresh execution {} of workflow {} failed: {}", command.executionId(), command.workflowId(),
					reason);
			this.transactions.executeWithoutResult((status) -> {
				if (record(command, "FAILED", 0, reason)) {
					this.events.publishEvent(new TableRefreshCompleted(command.workflowId(), command.scheduleId(),
							command.executionId(), "FAILED", 0, reason, this.clock.instant()));
				}
			});
		}
		finally {
			this.uploads.discard(file);
		}
	}

	/** Checks access and runs the query (outside any transaction: it may take long). */
	private Path query(RefreshCommand command) {
		if (command.actorEmail() == null || command.actorEmail().isBlank()) {
			throw new org.ontask.dataops.store.DataRejectedException("The refresh names nobody to act as.");
		}
		this.workflows.nameOfWorkflowOpenTo(command.workflowId(), command.actorEmail());
		if (!"replace".equals(mode(command)) && !"merge".equals(mode(command))) {
			throw new org.ontask.dataops.store.DataRejectedException(
					"Unknown refresh mode '" + command.mode() + "': use replace or merge.");
		}
		if (isMerge(command)) {
			MergeHow.of((command.how() != null) ? command.how() : "outer");
			if (command.leftOn() == null || command.leftOn().isBlank()) {
				throw new org.ontask.dataops.store.DataRejectedException(
						"A merge needs the table's key column to match on (leftOn).");
			}
		}
		SqlConnection connection = this.connections.get(command.actorEmail(), command.connectionId());
		if (command.query() == null || command.query().isBlank()) {
			throw new org.ontask.dataops.store.DataRejectedException(
					"The SQL connection '" + connection.name() + "' has no saved query: the schedule must give one.");
		}
		return this.queries.run(connection, this.connections.password(command.actorEmail(), connection.id()),
				command.query());
	}

	private long load(RefreshCommand command, Path file) {
		Inspection inspection = this.uploads.inspect(file, UploadOptions.CSV);
		if (isMerge(command)) {
			List<ColumnChoice> choices = this.uploads.defaultChoices(inspection, List.of())
				.stream()
				.map((c) -> new ColumnChoice(c.source(), c.name(), c.type(), false))
				.toList();
			String rightOn = (command.rightOn() != null && !command.rightOn().isBlank()) ? command.rightOn()
					: command.leftOn();
			MergeOutcome outcome = this.uploads.merge(command.workflowId(), file, UploadOptions.CSV, choices,
					command.leftOn(), rightOn, MergeHow.of((command.how() != null) ? command.how() : "outer"),
					command.actorEmail(), false);
			return outcome.rows();
		}
		List<String> keys = (command.leftOn() != null && !command.leftOn().isBlank()) ? List.of(command.leftOn())
				: List.of();
		TableStore.Replaced replaced = this.uploads.replace(command.workflowId(), file, UploadOptions.CSV,
				this.uploads.defaultChoices(inspection, keys), command.actorEmail());
		return replaced.rows();
	}

	private boolean handled(long executionId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM refresh_execution WHERE execution_id = ?)", Boolean.class, executionId));
	}

	/**
	 * @return whether this call recorded the execution (false: handled already)
	 */
	private boolean record(RefreshCommand command, String status, long rows, String message) {
		return this.jdbc.update(
				"INSERT INTO refresh_execution (execution_id, schedule_id, workflow_id, status, row_count, message,"
						+ " processed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (execution_id) DO NOTHING",
				command.executionId(), command.scheduleId(), command.workflowId(), status, rows, message,
				Timestamp.from(Instant.now())) == 1;
	}

	private static String mode(RefreshCommand command) {
		return (command.mode() != null) ? command.mode().strip().toLowerCase(Locale.ROOT) : "replace";
	}

	private static boolean isMerge(RefreshCommand command) {
		return "merge".equals(mode(command));
	}

}
