package org.ontask.action.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of JSON delivery, prefix {@code ontask.actions.json}.
 *
 * @param allowInternalTargets whether target URLs may point at loopback, private,
 * link-local or other internal addresses (off by default: a JSON action must not become a
 * way to reach the installation's own services)
 * @param connectTimeout the longest wait for a connection to the target
 * @param readTimeout the longest wait for the target's answer to one document
 * @param attempts how many times one document is tried when the target fails (5xx, time
 * out, connection error)
 * @param backoff the wait before the first retry, doubled each time
 * @param circuitMinimumCalls how many recent calls to a host the circuit breaker looks at
 * before it may open (it opens when half of them failed)
 * @param circuitOpenFor how long an open circuit stops calls to the host
 */
@ConfigurationProperties("ontask.actions.json")
public record JsonDeliveryProperties(@DefaultValue("false") boolean allowInternalTargets,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout,
		@DefaultValue("3") int attempts, @DefaultValue("1s") Duration backoff,
		@DefaultValue("10") int circuitMinimumCalls, @DefaultValue("30s") Duration circuitOpenFor) {

}
