package org.ontask.action.run;

import java.sql.Timestamp;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.platform.internal.InternalCalls;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Consumes scheduler-service's run commands (contract C1). A command starts a run acting
 * as the schedule's owner, with exactly the checks of an interactive start (access to the
 * workflow, the action runnable, columns present, somebody selected); what an interactive
 * user would be told becomes {@code action.run.refused}. Idempotent on the execution id:
 * a redelivered command finds the run (unique {@code action_run.schedule_execution_id})
 * or the refusal and does nothing.
 */
@Component
class ScheduledRuns {

	private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

	private final RunService runs;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	ScheduledRuns(RunService runs, JdbcClient jdbc, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.runs = runs;
		this.jdbc = jdbc;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
	}

	@RabbitListener(queues = "#{@scheduledRunsQueue.name}")
	void on(ScheduledRunCommand command) {
		if (command.scheduleId() == null || command.executionId() == null || command.workflowId() == null
				|| command.actionId() == null || command.actorEmail() == null || command.actorEmail().isBlank()) {
			log.warn("A scheduled run command without its ids was dropped (schedule {}, execution {})",
					command.scheduleId(), command.executionId());
			return;
		}
		if (handled(command.executionId())) {
			log.info("Execution {} of schedule {} was handled already", command.executionId(), command.scheduleId());
			return;
		}
		StartRunRequest parameters = (command.parameters() != null) ? command.parameters()
				: new StartRunRequest(null, null, null, null, null, null, null);
		RunService.Schedule schedule = new RunService.Schedule(command.scheduleId(), command.executionId(),
				Boolean.TRUE.equals(command.incremental()));
		try {
			RunResponse run = InternalCalls.actingAs(command.actorEmail(), () -> this.runs.start(command.workflowId(),
					command.actionId(), command.actorEmail(), parameters, schedule));
			log.info("Execution {} of schedule {} started run {}", command.executionId(), command.scheduleId(),
					run.id());
		}
		catch (DuplicateKeyException ex) {
			// another replica took the same command at the same time
			log.info("Execution {} of schedule {} has its run already", command.executionId(), command.scheduleId());
		}
		catch (ResponseStatusException ex) {
			refuse(command, (ex.getReason() != null) ? ex.getReason() : ex.getStatusCode().toString());
		}
	}

	private boolean handled(long executionId) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM action_run WHERE schedule_execution_id = ?) "
					+ "OR EXISTS (SELECT 1 FROM action_refused_execution WHERE execution_id = ?)")
			.params(executionId, executionId)
			.query(Boolean.class)
			.single();
	}

	private void refuse(ScheduledRunCommand command, String reason) {
		log.info("Execution {} of schedule {} refused: {}", command.executionId(), command.scheduleId(), reason);
		Instant now = Instant.now();
		this.transaction.executeWithoutResult((tx) -> {
			int inserted = this.jdbc
				.sql("INSERT INTO action_refused_execution (execution_id, schedule_id, workflow_id, action_id, reason, "
						+ "at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (execution_id) DO NOTHING")
				.params(command.executionId(), command.scheduleId(), command.workflowId(), command.actionId(), reason,
						Timestamp.from(now))
				.update();
			if (inserted == 1) {
				this.events.publishEvent(new ActionRunRefused(command.workflowId(), command.actionId(),
						command.scheduleId(), command.executionId(), reason, now));
			}
		});
	}

}
