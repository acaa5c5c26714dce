package org.ontask.scheduler.config;

import java.util.ArrayList;
import java.util.List;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events this service follows beyond those of the workflow-access library: the
 * outcomes of the work its commands asked for, and deleted actions.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
class MessagingConfiguration {

	@Bean
	Declarables outcomeSubscriptions(MessagingNames names, @Value("${spring.application.name}") String app) {
		List<Declarable> declarables = new ArrayList<>();
		for (String key : List.of("action.run.started", "action.run.completed", "action.run.refused",
				"action.deleted")) {
			declarables.addAll(names.subscription(app, "action.events", key).getDeclarables());
		}
		declarables.addAll(names.subscription(app, "dataops.events", "table.refresh.completed").getDeclarables());
		return new Declarables(declarables);
	}

}
