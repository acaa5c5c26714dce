package org.ontask.action.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of action-service, prefix {@code action}.
 *
 * @param maxMessageChars the longest message a template may produce
 * ({@code ONTASK_MAX_MESSAGE_CHARS})
 * @param maxRenderTime the longest time one message may take to produce
 */
@ConfigurationProperties("action")
public record ActionProperties(@DefaultValue("1000000") int maxMessageChars,
		@DefaultValue("2s") Duration maxRenderTime) {

}
