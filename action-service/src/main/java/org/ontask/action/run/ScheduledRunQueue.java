package org.ontask.action.run;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command queue {@code action-service.scheduled-runs} (contract C1):
 * scheduler-service asks for a run of an action at a due time. Declared here and by the
 * scheduler with the same arguments: durable in production; in a test run (names with a
 * prefix) it lives as long as the test's connection.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledRunQueue {

	static final String NAME = "action-service.scheduled-runs";

	@Bean
	Queue scheduledRunsQueue(MessagingNames names) {
		String name = names.exchange(NAME);
		return name.equals(NAME) ? QueueBuilder.durable(name).build()
				: QueueBuilder.nonDurable(name).autoDelete().build();
	}

}
