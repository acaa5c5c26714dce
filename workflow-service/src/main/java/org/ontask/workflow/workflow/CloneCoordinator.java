package org.ontask.workflow.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.workflow.config.WorkflowProperties;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes or removes clones: a clone stays hidden until every participating service
 * (configured) has answered {@code workflow.part-cloned} with success; then it becomes
 * visible and {@code workflow.created} and {@code workflow.cloned} are published. A
 * failed part, or no complete answer within the timeout, removes the clone
 * ({@code workflow.deleted}, so the parts already copied go too) and leaves the cloner a
 * message for the home page.
 */
@Component
class CloneCoordinator {

	private static final Logger log = LoggerFactory.getLogger(CloneCoordinator.class);

	private final WorkflowRepository workflows;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final WorkflowProperties.Cloning settings;

	CloneCoordinator(WorkflowRepository workflows, ApplicationEventPublisher events, JdbcClient jdbc,
			WorkflowProperties properties) {
		this.workflows = workflows;
		this.events = events;
		this.jdbc = jdbc;
		this.settings = properties.cloning();
	}

	/** A clone was requested; with no participants there is nothing to wait for. */
	void started(Workflow clone) {
		if (this.settings.participants().isEmpty()) {
			complete(clone);
		}
	}

	@RabbitListener(queues = "#{@partClonedQueues}")
	@Transactional
	void on(WorkflowPartCloned answer) {
		Workflow clone = this.workflows.findLockedById(answer.cloneWorkflowId())
			.filter((w) -> w.getState() == Workflow.State.CLONING)
			.orElse(null);
		if (clone == null || !this.settings.participants().contains(answer.service())) {
			// already completed or removed, or an answer nobody waits for
			return;
		}
		this.jdbc
			.sql("INSERT INTO clone_part (clone_workflow_id, service, succeeded, message, answered_at) "
					+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT (clone_workflow_id, service) DO NOTHING")
			.params(clone.getId(), answer.service(), answer.succeeded(), answer.message(),
					Timestamp.from(Instant.now()))
			.update();
		if (!answer.succeeded()) {
			fail(clone, (answer.message() != null && !answer.message().isBlank()) ? answer.message()
					: answer.service() + " could not copy its part.");
			return;
		}
		if (answered(clone.getId()).containsAll(this.settings.participants())) {
			complete(clone);
		}
	}

	/** Removes the clones that did not complete in time. */
	@Scheduled(fixedDelayString = "${ontask.workflow.cloning.check-interval:10s}",
			initialDelayString = "${ontask.workflow.cloning.check-interval:10s}")
	@Transactional
	public void expire() {
		Instant deadline = Instant.now().minus(this.settings.timeout());
		for (Workflow candidate : this.workflows.findByStateAndCreatedAtBefore(Workflow.State.CLONING, deadline)) {
			this.workflows.findLockedById(candidate.getId())
				.filter((w) -> w.getState() == Workflow.State.CLONING)
				.ifPresent((clone) -> {
					List<String> missing = new ArrayList<>(this.settings.participants());
					missing.removeAll(answered(clone.getId()));
					fail(clone, "no answer in time from " + String.join(", ", missing) + ".");
				});
		}
	}

	private List<String> answered(long cloneId) {
		return this.jdbc.sql("SELECT service FROM clone_part WHERE clone_workflow_id = ? AND succeeded")
			.param(cloneId)
			.query(String.class)
			.list();
	}

	private void complete(Workflow clone) {
		clone.ready();
		this.workflows.saveAndFlush(clone);
		Instant now = Instant.now();
		// workflow.created too: whoever tracks workflows by it (e.g. ownership) learns of
		// the clone only now that it exists for everyone
		this.events.publishEvent(
				new WorkflowCreated(clone.getId(), clone.getName(), clone.getOwnerEmail(), clone.getCreatedAt()));
		this.events
			.publishEvent(new WorkflowCloned(clone.getCloneSourceId(), clone.getId(), clone.getOwnerEmail(), now));
	}

	private void fail(Workflow clone, String why) {
		log.warn("Clone {} of workflow {} removed: {}", clone.getId(), clone.getCloneSourceId(), why);
		long id = clone.getId();
		String owner = clone.getOwnerEmail();
		this.workflows.delete(clone);
		this.events.publishEvent(new WorkflowDeleted(id, owner, Instant.now()));
		this.jdbc.sql("INSERT INTO workflow_notice (user_email, message) VALUES (?, ?)")
			.params(owner, truncate("The copy \"" + clone.getName() + "\" could not be made and was removed: " + why))
			.update();
	}

	private static String truncate(String message) {
		return (message.length() > 1900) ? message.substring(0, 1897) + "..." : message;
	}

}
