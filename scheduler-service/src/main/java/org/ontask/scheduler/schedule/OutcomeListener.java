package org.ontask.scheduler.schedule;

import java.time.Instant;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follows the working services: the start and end of scheduled action runs and table
 * refreshes (contracts C1, C2), and deleted actions, whose schedules stop with the reason
 * shown. Events of interactive runs (no execution id) are ignored. Every handler is
 * idempotent.
 */
@Component
class OutcomeListener {

	private static final String ACTION_QUEUE = "#{messagingNames.queue('${spring.application.name}', 'action.events', '";

	private static final String DATAOPS_QUEUE = "#{messagingNames.queue('${spring.application.name}', 'dataops.events', '";

	private final ExecutionService executions;

	private final ApplicationEventPublisher events;

	OutcomeListener(ExecutionService executions, ApplicationEventPublisher events) {
		this.executions = executions;
		this.events = events;
	}

	@RabbitListener(queues = ACTION_QUEUE + "action.run.started')}")
	void on(ActionRunStarted event) {
		if (event.executionId() != null) {
			this.executions.started(event.executionId(), event.runId());
		}
	}

	@RabbitListener(queues = ACTION_QUEUE + "action.run.completed')}")
	void on(ActionRunCompleted event) {
		if (event.executionId() != null) {
			String status = "DONE".equals(event.status()) ? "DONE" : "FAILED";
			this.executions.finished(event.executionId(), new ExecutionService.Outcome(status, event.runId(),
					event.sent(), event.failed(), null, event.message()));
		}
	}

	@RabbitListener(queues = ACTION_QUEUE + "action.run.refused')}")
	void on(ActionRunRefused event) {
		if (event.executionId() != null) {
			this.executions.finished(event.executionId(),
					new ExecutionService.Outcome("REFUSED", null, null, null, null, event.reason()));
		}
	}

	@RabbitListener(queues = ACTION_QUEUE + "action.deleted')}")
	@Transactional
	void on(ActionDeleted event) {
		if (event.workflowId() == null || event.actionId() == null) {
			return;
		}
		this.executions.actionDeleted(event.workflowId(), event.actionId())
			.forEach((id, name) -> this.events.publishEvent(
					new ScheduleUpdated(event.workflowId(), id, name, "FAILED", event.actorEmail(), Instant.now())));
	}

	@RabbitListener(queues = DATAOPS_QUEUE + "table.refresh.completed')}")
	void on(TableRefreshCompleted event) {
		if (event.executionId() != null) {
			String status = "DONE".equals(event.status()) ? "DONE" : "FAILED";
			this.executions.finished(event.executionId(),
					new ExecutionService.Outcome(status, null, null, null, event.rows(), event.message()));
		}
	}

}
