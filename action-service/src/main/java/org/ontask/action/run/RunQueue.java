package org.ontask.action.run;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The work queue {@code action-service.runs}: one message per run to carry out, shared by
 * every replica. Durable in production; in a test run (names with a prefix) it lives as
 * long as the test's connection.
 */
@Configuration(proxyBeanMethods = false)
class RunQueue {

	static final String NAME = "action-service.runs";

	@Bean
	Queue actionRunsQueue(MessagingNames names) {
		String name = names.exchange(NAME);
		return name.equals(NAME) ? QueueBuilder.durable(name).build()
				: QueueBuilder.nonDurable(name).autoDelete().build();
	}

}
