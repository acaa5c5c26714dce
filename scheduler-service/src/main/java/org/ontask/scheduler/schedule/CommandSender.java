package org.ontask.scheduler.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ontask.platform.messaging.MessagingNames;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends the command of a queued execution to the service that does the work (contracts C1
 * and C2): persistent, on the default exchange with the work queue's name as routing key,
 * and only done once the broker confirmed it. Until then the {@link ExecutionQueued}
 * publication stays incomplete in the outbox and is sent again, so a command is never
 * lost; the working services are idempotent on the execution id, so a resend never runs
 * twice. The queues are durable, so a command waits there while its service is down.
 */
@Component
class CommandSender {

	static final String ACTION_RUNS = "action-service.scheduled-runs";

	static final String TABLE_REFRESHES = "dataops-service.scheduled-refreshes";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long CONFIRM_TIMEOUT_SECONDS = 10;

	private final JdbcClient jdbc;

	private final RabbitTemplate rabbit;

	private final MessagingNames names;

	private final DeliveryTokens tokens;

	CommandSender(JdbcClient jdbc, RabbitTemplate rabbit, MessagingNames names, DeliveryTokens tokens) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.rabbit = rabbit;
		this.names = names;
	}

	@ApplicationModuleListener
	void on(ExecutionQueued event) {
		Pending pending = this.jdbc.sql("SELECT id, schedule_id, due_at, status FROM schedule_execution WHERE id = ?")
			.param(event.executionId())
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4)))
			.optional()
			.orElse(null);
		// the schedule was deleted, or the work already reported back: nothing to send
		if (pending == null || !pending.status().equals("QUEUED")) {
			return;
		}
		Schedule schedule = this.jdbc.sql("SELECT " + Schedule.COLUMNS + " FROM schedule WHERE id = ?")
			.param(pending.scheduleId())
			.query(Schedule::map)
			.optional()
			.orElse(null);
		if (schedule == null) {
			return;
		}
		Map<String, Object> parameters = JSON.readValue(schedule.parameters(), new TypeReference<>() {
		});
		if (schedule.kind().equals("TABLE_REFRESH")) {
			send(TABLE_REFRESHES, new ScheduledRefreshCommand(schedule.id(), pending.id(), pending.dueAt(),
					schedule.workflowId(), schedule.ownerEmail(), ((Number) parameters.get("connectionId")).longValue(),
					(String) parameters.get("query"), (String) parameters.get("mode"), (String) parameters.get("how"),
					(String) parameters.get("leftOn"), (String) parameters.get("rightOn")));
		}
		else {
			send(ACTION_RUNS,
					new ScheduledRunCommand(schedule.id(), pending.id(), pending.dueAt(), schedule.workflowId(),
							schedule.actionId(), schedule.ownerEmail(), schedule.incremental(),
							this.tokens.open(parameters)));
		}
	}

	private void send(String queue, Object command) {
		CorrelationData correlation = new CorrelationData();
		this.rabbit.convertAndSend("", this.names.exchange(queue), command, correlation);
		try {
			CorrelationData.Confirm confirm = correlation.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (!confirm.ack()) {
				throw new AmqpException("The broker refused the command: " + confirm.reason());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AmqpException("Interrupted while sending a command", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AmqpException("The broker did not confirm the command", ex);
		}
	}

	private record Pending(long id, long scheduleId, Instant dueAt, String status) {
	}

	/**
	 * The work queues, declared with the same arguments as their consumers declare them:
	 * durable in production; in a test run (names with a prefix) deleted once unused.
	 */
	@Configuration(proxyBeanMethods = false)
	static class WorkQueues {

		@Bean
		Queue scheduledRunsQueue(MessagingNames names) {
			return queue(names.exchange(ACTION_RUNS), ACTION_RUNS);
		}

		@Bean
		Queue scheduledRefreshesQueue(MessagingNames names) {
			return queue(names.exchange(TABLE_REFRESHES), TABLE_REFRESHES);
		}

		private static Queue queue(String name, String logical) {
			return name.equals(logical) ? QueueBuilder.durable(name).build()
					: QueueBuilder.nonDurable(name).autoDelete().build();
		}

	}

}
