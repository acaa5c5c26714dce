package org.ontask.workflow.config;

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
 * What workflow-service consumes: auth-service's account events, the clone answers of the
 * participating services, the table and action events the counts are kept from, and every
 * event the history records. Each is a durable queue per key with its dead-letter queue
 * ({@link MessagingNames#subscription}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkflowProperties.class)
class MessagingConfiguration {

	static final List<String> USER_EVENTS = List.of("user.created", "user.updated", "user.deactivated", "user.deleted");

	static final String PART_CLONED = "workflow.part-cloned";

	@Bean
	Declarables userSubscriptions(MessagingNames names, @Value("${spring.application.name}") String app) {
		return join(USER_EVENTS.stream().map((key) -> names.subscription(app, "auth.events", key)).toList());
	}

	@Bean
	Declarables partClonedSubscriptions(MessagingNames names, WorkflowProperties properties,
			@Value("${spring.application.name}") String app) {
		return join(properties.cloning()
			.participants()
			.stream()
			.map((participant) -> names.subscription(app, WorkflowProperties.eventsExchangeOf(participant),
					PART_CLONED))
			.toList());
	}

	/** The queues of clone answers, for the listener. */
	@Bean
	String[] partClonedQueues(MessagingNames names, WorkflowProperties properties,
			@Value("${spring.application.name}") String app) {
		return properties.cloning()
			.participants()
			.stream()
			.map((participant) -> names.queue(app, WorkflowProperties.eventsExchangeOf(participant), PART_CLONED))
			.toArray(String[]::new);
	}

	static final List<String> TABLE_EVENTS = List.of("table.replaced", "table.merged", "column.added",
			"column.deleted");

	static final List<String> ACTION_EVENTS = List.of("action.created", "action.deleted");

	/** What the rows, columns and actions shown per workflow are kept from. */
	@Bean
	Declarables countSubscriptions(MessagingNames names, @Value("${spring.application.name}") String app) {
		List<Declarables> all = new ArrayList<>();
		TABLE_EVENTS.forEach((key) -> all.add(names.subscription(app, "dataops.events", key)));
		ACTION_EVENTS.forEach((key) -> all.add(names.subscription(app, "action.events", key)));
		return join(all);
	}

	@Bean
	Declarables historySubscriptions(MessagingNames names, WorkflowProperties properties,
			@Value("${spring.application.name}") String app) {
		return join(properties.history()
			.subscriptions()
			.stream()
			.map(HistorySubscription::parse)
			.map((s) -> names.subscription(app, s.exchange(), s.key()))
			.toList());
	}

	/** The queues of the history, for its listener. */
	@Bean
	String[] historyQueues(MessagingNames names, WorkflowProperties properties,
			@Value("${spring.application.name}") String app) {
		return properties.history()
			.subscriptions()
			.stream()
			.map(HistorySubscription::parse)
			.map((s) -> names.queue(app, s.exchange(), s.key()))
			.toArray(String[]::new);
	}

	private static Declarables join(List<Declarables> all) {
		List<Declarable> declarables = new ArrayList<>();
		all.forEach((d) -> declarables.addAll(d.getDeclarables()));
		return new Declarables(declarables);
	}

	/** One {@code exchange:key} entry of the history's subscriptions. */
	record HistorySubscription(String exchange, String key) {

		static HistorySubscription parse(String entry) {
			int colon = entry.indexOf(':');
			if (colon <= 0 || colon == entry.length() - 1) {
				throw new IllegalArgumentException(
						"ontask.workflow.history.subscriptions entries are exchange:key, not " + entry);
			}
			return new HistorySubscription(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
		}

	}

}
