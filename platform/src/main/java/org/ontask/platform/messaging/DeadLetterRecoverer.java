package org.ontask.platform.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;

/**
 * Where a message goes when its listener has failed on it after every retry: the
 * {@code <queue>.dlq} of the queue it came from, with the failure in its headers, so it
 * is kept for inspection instead of being redelivered for ever or dropped. Done by the
 * application rather than by broker dead-lettering so it works the same on RabbitMQ and
 * on the embedded broker.
 */
class DeadLetterRecoverer implements MessageRecoverer {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

	private final RabbitTemplate rabbit;

	DeadLetterRecoverer(RabbitTemplate rabbit) {
		this.rabbit = rabbit;
	}

	@Override
	public void recover(Message message, Throwable cause) {
		String queue = message.getMessageProperties().getConsumerQueue();
		Throwable root = cause;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		message.getMessageProperties().setHeader("x-exception-message", String.valueOf(root.getMessage()));
		message.getMessageProperties().setHeader("x-exception-type", root.getClass().getName());
		log.error("Message from {} failed after retries; moved to {}.dlq: {}", queue, queue, root.toString());
		this.rabbit.send("", queue + ".dlq", message);
	}

}
