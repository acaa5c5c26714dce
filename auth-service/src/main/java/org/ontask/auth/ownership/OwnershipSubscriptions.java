package org.ontask.auth.ownership;

import java.util.ArrayList;
import java.util.List;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable queues (each with its dead-letter queue) through which auth-service reads
 * workflow-service's events about workflows and their owners. A one-off admin command
 * ({@code ontask.command.run}) consumes nothing, so it declares none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${ontask.command.run:}' == ''")
class OwnershipSubscriptions {

	@Bean
	Declarables workflowOwnershipSubscriptions(MessagingNames names, @Value("${spring.application.name}") String app) {
		List<Declarable> all = new ArrayList<>();
		for (String key : List.of("workflow.created", "workflow.renamed", "workflow.transferred", "workflow.deleted")) {
			all.addAll(names.subscription(app, "workflow.events", key).getDeclarables());
		}
		return new Declarables(all);
	}

}
