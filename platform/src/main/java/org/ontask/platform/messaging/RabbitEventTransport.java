package org.ontask.platform.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.modulith.events.RoutingTarget;

/**
 * Sends an externalised event to its exchange and completes only when the broker has
 * confirmed it. Until then the event's publication stays incomplete in the outbox table,
 * so an event sent while RabbitMQ is down is sent again once it is back.
 */
class RabbitEventTransport {

	private final RabbitTemplate rabbit;

	private final MessagingNames names;

	private final Executor executor;

	private final Duration timeout;

	RabbitEventTransport(RabbitTemplate rabbit, MessagingNames names, Executor executor, Duration timeout) {
		this.rabbit = rabbit;
		this.names = names;
		this.executor = executor;
		this.timeout = timeout;
	}

	CompletableFuture<?> send(RoutingTarget target, Object event) {
		// off the committing thread: a broker outage must not hold up the user's request
		return CompletableFuture.supplyAsync(() -> {
			CorrelationData correlation = new CorrelationData();
			this.rabbit.convertAndSend(this.names.exchange(target.getTarget()), target.getKey(), event, correlation);
			return correlation;
		}, this.executor)
			.thenCompose((correlation) -> correlation.getFuture())
			.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.thenAccept((confirm) -> {
				if (!confirm.ack()) {
					throw new IllegalStateException("The broker refused the event: " + confirm.reason());
				}
			});
	}

}
