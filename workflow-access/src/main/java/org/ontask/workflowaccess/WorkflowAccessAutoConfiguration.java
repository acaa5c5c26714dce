package org.ontask.workflowaccess;

import org.ontask.platform.messaging.MessagingNames;
import org.ontask.platform.messaging.PlatformMessagingAutoConfiguration;

import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workflow record of a consuming service: its subscription to
 * {@code workflow.created} (queue {@code <app>.workflow.workflow.created}) and the
 * {@link WorkflowAccess} check.
 */
@AutoConfiguration(after = PlatformMessagingAutoConfiguration.class)
public class WorkflowAccessAutoConfiguration {

	@Bean
	WorkflowAccess workflowAccess(JdbcClient jdbc) {
		return new WorkflowAccess(jdbc);
	}

	@Bean
	Declarables workflowCreatedSubscription(MessagingNames names, @Value("${spring.application.name}") String app) {
		return names.subscription(app, "workflow.events", "workflow.created");
	}

}
