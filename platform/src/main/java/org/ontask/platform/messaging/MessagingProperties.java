package org.ontask.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging settings, prefix {@code ontask.messaging}.
 *
 * @param eventsExchange the topic exchange this service publishes its events to, e.g.
 * {@code workflow.events}; none when the service publishes nothing
 * @param namePrefix prepended to every exchange and queue name; empty in production,
 * unique per test run so runs sharing a broker never see each other's messages
 * @param resubmitAfter how old an event publication that has not reached the broker must
 * be before the outbox sends it again
 * @param publishTimeout how long one send waits for the broker's confirm
 * @param keepCompleted how long an event publication that reached the broker stays in the
 * outbox table (for diagnosis) before it is deleted; events name workflows and people, so
 * they are not kept for ever
 */
@ConfigurationProperties("ontask.messaging")
public record MessagingProperties(String eventsExchange, @DefaultValue("") String namePrefix,
		@DefaultValue("30s") Duration resubmitAfter, @DefaultValue("10s") Duration publishTimeout,
		@DefaultValue("1h") Duration keepCompleted) {

}
