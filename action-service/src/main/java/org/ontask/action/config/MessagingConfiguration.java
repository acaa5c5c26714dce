package org.ontask.action.config;

import java.util.ArrayList;
import java.util.List;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events this service follows beyond those of the workflow-access library.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	Declarables attributeSubscriptions(MessagingNames names, @Value("${spring.application.name}") String app) {
		List<Declarable> declarables = new ArrayList<>();
		for (String key : List.of("workflow.attribute-set", "workflow.attribute-removed")) {
			declarables.addAll(names.subscription(app, "workflow.events", key).getDeclarables());
		}
		// dataops' column changes rewrite or flag the actions' formulas and texts
		for (String key : List.of("column.renamed", "column.deleted", "column.type-changed")) {
			declarables.addAll(names.subscription(app, "dataops.events", key).getDeclarables());
		}
		return new Declarables(declarables);
	}

}
