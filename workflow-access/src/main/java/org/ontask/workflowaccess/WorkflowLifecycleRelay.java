package org.ontask.workflowaccess;

import java.sql.Timestamp;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands workflow-service's delete, flush and clone commands to the service's
 * {@link WorkflowDataLifecycle}, and answers a clone with {@code workflow.part-cloned}. A
 * service without such a bean holds nothing per workflow beyond the access record: it has
 * nothing to copy, delete or flush, and answers every clone with success.
 */
class WorkflowLifecycleRelay {

	static final String PART_CLONED = "workflow.part-cloned";

	private static final Logger log = LoggerFactory.getLogger(WorkflowLifecycleRelay.class);

	private static final long CONFIRM_TIMEOUT_SECONDS = 10;

	private final ObjectProvider<WorkflowDataLifecycle> lifecycle;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final RabbitTemplate rabbit;

	private final MessagingNames names;

	private final String exchange;

	private final String application;

	WorkflowLifecycleRelay(ObjectProvider<WorkflowDataLifecycle> lifecycle, JdbcClient jdbc,
			TransactionTemplate transactions, RabbitTemplate rabbit, MessagingNames names, String exchange,
			String application) {
		this.lifecycle = lifecycle;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rabbit = rabbit;
		this.names = names;
		this.exchange = exchange;
		this.application = application;
	}

	/**
	 * The exchange a service answers on: its own events exchange, or
	 * {@code <short>.events} derived from the application name when none is configured.
	 */
	static String answerExchange(String configured, String application) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String shortName = application.endsWith("-service")
				? application.substring(0, application.length() - "-service".length()) : application;
		return shortName + ".events";
	}

	String exchange() {
		return this.exchange;
	}

	void delete(long workflowId) {
		this.lifecycle.ifAvailable((service) -> service.delete(workflowId));
	}

	void flush(long workflowId) {
		this.lifecycle.ifAvailable((service) -> service.flush(workflowId));
	}

	/**
	 * Records the clone for its owner and copies this service's part in one transaction,
	 * then answers. A failure rolls the whole part back and is answered as such; only a
	 * failure to answer makes the listener fail, so the command is redelivered (the copy
	 * is idempotent).
	 */
	void copy(WorkflowCloneRequested command) {
		String failure = null;
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.jdbc
					.sql("INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?) "
							+ "ON CONFLICT (id) DO NOTHING")
					.params(command.cloneWorkflowId(), command.name(), command.ownerEmail(),
							Timestamp.from(command.at()))
					.update();
				this.lifecycle
					.ifAvailable((service) -> service.copy(command.sourceWorkflowId(), command.cloneWorkflowId()));
			});
		}
		catch (RuntimeException ex) {
			log.warn("Copying workflow {} into its clone {} failed", command.sourceWorkflowId(),
					command.cloneWorkflowId(), ex);
			failure = this.application + " could not copy its part: "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		answer(new WorkflowPartCloned(command.cloneWorkflowId(), this.application, failure == null, failure));
	}

	private void answer(WorkflowPartCloned answer) {
		CorrelationData correlation = new CorrelationData();
		this.rabbit.convertAndSend(this.names.exchange(this.exchange), PART_CLONED, answer, correlation);
		try {
			CorrelationData.Confirm confirm = correlation.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (!confirm.ack()) {
				throw new AmqpException("The broker refused the clone answer: " + confirm.reason());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AmqpException("Interrupted while answering a clone", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AmqpException("The broker did not confirm the clone answer", ex);
		}
	}

}
