package org.ontask.platform.messaging;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Exchange and queue names as the broker sees them, and the declarations of a consumer.
 * Naming: exchange {@code <short>.events} (topic), routing key
 * {@code <aggregate>.<event>}, queue {@code <consumer-app>.<short>.<aggregate>.<event>},
 * dead letters in {@code <queue>.dlq}.
 */
public final class MessagingNames {

	private final String prefix;

	MessagingNames(String prefix) {
		this.prefix = (prefix != null) ? prefix : "";
	}

	/**
	 * The broker name of an exchange.
	 * @param exchange the logical name, e.g. {@code workflow.events}
	 * @return the name to declare and publish to
	 */
	public String exchange(String exchange) {
		return this.prefix + exchange;
	}

	/**
	 * The broker name of the queue through which a consumer receives one kind of event.
	 * @param consumerApp the consuming application, e.g. {@code dataops-service}
	 * @param exchange the logical exchange name, e.g. {@code workflow.events}
	 * @param routingKey the event's key, e.g. {@code workflow.created}
	 * @return the queue name
	 */
	public String queue(String consumerApp, String exchange, String routingKey) {
		String shortName = exchange.endsWith(".events") ? exchange.substring(0, exchange.length() - 7) : exchange;
		return this.prefix + consumerApp + "." + shortName + "." + routingKey;
	}

	/**
	 * Everything a consumer needs for one kind of event: the producer's exchange, a
	 * durable queue bound to it with the event's key, and the queue's dead-letter queue,
	 * where a message goes once the listener has failed on it after its retries.
	 * @param consumerApp the consuming application
	 * @param exchange the logical exchange name
	 * @param routingKey the event's routing key
	 * @return the declarations, for a {@code Declarables} bean
	 */
	public Declarables subscription(String consumerApp, String exchange, String routingKey) {
		String queueName = queue(consumerApp, exchange, routingKey);
		TopicExchange topic = eventsExchange(exchange);
		// a test run's queues live only as long as its connection, so runs sharing a
		// broker
		// leave nothing behind
		boolean testRun = !this.prefix.isEmpty();
		QueueBuilder queue = (testRun ? QueueBuilder.nonDurable(queueName).exclusive().autoDelete()
				: QueueBuilder.durable(queueName));
		QueueBuilder deadLetters = testRun ? QueueBuilder.nonDurable(queueName + ".dlq").exclusive().autoDelete()
				: QueueBuilder.durable(queueName + ".dlq");
		Queue built = queue.build();
		Binding binding = BindingBuilder.bind(built).to(topic).with(routingKey);
		return new Declarables(topic, built, deadLetters.build(), binding);
	}

	/**
	 * A producer's topic exchange, durable in production; in a test run it is deleted
	 * with its last binding.
	 * @param exchange the logical name
	 * @return the exchange declaration
	 */
	public TopicExchange eventsExchange(String exchange) {
		return new TopicExchange(exchange(exchange), true, false);
	}

}
