package org.ontask.dataops.sqlsource;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command queue {@code dataops-service.scheduled-refreshes} (contract C2), declared
 * by scheduler-service and here with the same arguments: durable in production, in a test
 * run (names with a prefix) as long as the test's connection.
 */
@Configuration(proxyBeanMethods = false)
class RefreshQueue {

	static final String NAME = "dataops-service.scheduled-refreshes";

	@Bean
	Queue scheduledRefreshesQueue(MessagingNames names) {
		String name = names.exchange(NAME);
		return name.equals(NAME) ? QueueBuilder.durable(name).build()
				: QueueBuilder.nonDurable(name).autoDelete().build();
	}

}
