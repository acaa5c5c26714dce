package org.ontask.platform.messaging;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.config.EventExternalizationAutoConfiguration;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Events over RabbitMQ: JSON messages, the service's own events exchange, the outbox
 * forwarder (Spring Modulith's JDBC event publication registry records each
 * {@code @Externalized} event in the transaction that caused it; this sends it with
 * publisher confirms) and the relay that resends what did not arrive.
 */
@AutoConfiguration(after = EventExternalizationAutoConfiguration.class)
@ConditionalOnClass(RabbitTemplate.class)
@EnableConfigurationProperties(MessagingProperties.class)
@EnableScheduling
public class PlatformMessagingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MessageConverter.class)
	MessageConverter jsonMessageConverter() {
		JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter();
		// consumers own their copy of an event record: read the listener's parameter
		// type,
		// never a producer's class name from a header
		converter.setAlwaysConvertToInferredType(true);
		return converter;
	}

	@Bean
	@ConditionalOnMissingBean
	MessagingNames messagingNames(MessagingProperties properties) {
		return new MessagingNames(properties.namePrefix());
	}

	@Bean
	@ConditionalOnProperty("ontask.messaging.events-exchange")
	Declarables ownEventsExchange(MessagingNames names, MessagingProperties properties) {
		return new Declarables(names.eventsExchange(properties.eventsExchange()));
	}

	@Bean
	@ConditionalOnMissingBean(MessageRecoverer.class)
	MessageRecoverer deadLetterRecoverer(RabbitTemplate rabbit) {
		return new DeadLetterRecoverer(rabbit);
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService eventPublishingExecutor() {
		return Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "event-publisher");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	@ConditionalOnBean(EventExternalizationConfiguration.class)
	DelegatingEventExternalizer rabbitEventExternalizer(EventExternalizationConfiguration configuration,
			RabbitTemplate rabbit, MessagingNames names, MessagingProperties properties,
			ExecutorService eventPublishingExecutor) {
		RabbitEventTransport transport = new RabbitEventTransport(rabbit, names, eventPublishingExecutor,
				properties.publishTimeout());
		return new DelegatingEventExternalizer(configuration, transport::send);
	}

	@Bean
	OutboxRelay outboxRelay(ObjectProvider<IncompleteEventPublications> incomplete,
			ObjectProvider<CompletedEventPublications> completed, MessagingProperties properties) {
		return new OutboxRelay(incomplete.getObject(), properties.resubmitAfter(), completed.getObject(),
				properties.keepCompleted());
	}

}
