package org.ontask.workflowaccess;

import java.util.ArrayList;
import java.util.List;

import org.ontask.platform.messaging.MessagingNames;
import org.ontask.platform.messaging.PlatformMessagingAutoConfiguration;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workflow record of a consuming service: its subscriptions to workflow-service's
 * events (one queue per key, {@code <app>.workflow.<key>}), the {@link WorkflowAccess}
 * check, and the relay to the service's {@link WorkflowDataLifecycle} bean, if it has
 * one. The tables come from the Flyway location {@code classpath:db/workflow-access}.
 */
@AutoConfiguration(after = PlatformMessagingAutoConfiguration.class)
public class WorkflowAccessAutoConfiguration {

	/** The workflow-service events every consuming service follows. */
	static final List<String> KEYS = List.of("workflow.created", "workflow.renamed", "workflow.shared",
			"workflow.unshared", "workflow.transferred", "workflow.deleted", "workflow.flushed",
			"workflow.clone-requested");

	@Bean
	WorkflowLifecycleRelay workflowLifecycleRelay(ObjectProvider<WorkflowDataLifecycle> lifecycle, JdbcClient jdbc,
			PlatformTransactionManager transactionManager, RabbitTemplate rabbit, MessagingNames names,
			@Value("${ontask.messaging.events-exchange:}") String eventsExchange,
			@Value("${spring.application.name}") String app) {
		return new WorkflowLifecycleRelay(lifecycle, jdbc, new TransactionTemplate(transactionManager), rabbit, names,
				WorkflowLifecycleRelay.answerExchange(eventsExchange, app), app);
	}

	@Bean
	WorkflowAccess workflowAccess(JdbcClient jdbc, WorkflowLifecycleRelay workflowLifecycleRelay) {
		return new WorkflowAccess(jdbc, workflowLifecycleRelay);
	}

	@Bean
	Declarables workflowAccessSubscriptions(MessagingNames names, WorkflowLifecycleRelay workflowLifecycleRelay,
			@Value("${spring.application.name}") String app) {
		List<Declarable> declarables = new ArrayList<>();
		for (String key : KEYS) {
			declarables.addAll(names.subscription(app, "workflow.events", key).getDeclarables());
		}
		// where clone answers go; the same declaration as the service's own exchange
		declarables.add(names.eventsExchange(workflowLifecycleRelay.exchange()));
		return new Declarables(declarables);
	}

}
