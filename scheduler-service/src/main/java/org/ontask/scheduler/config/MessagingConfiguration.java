package org.ontask.scheduler.config;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events scheduler-service consumes.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	Declarables workflowCreatedSubscription(MessagingNames names) {
		return names.subscription("scheduler-service", "workflow.events", "workflow.created");
	}

}
