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
 * @param emailFrom the sender of every message ({@code ONTASK_EMAIL_FROM}); empty to send
 * as the instructor who started the run, as the original does
 * @param emailsPerSecond the most messages a run sends per second
 * ({@code ONTASK_EMAILS_PER_SECOND}); 0 for no limit
 * @param smtpAttempts how many times a message is tried while the mail server cannot be
 * reached before the run pauses
 * @param smtpBackoff the wait before the first retry (doubled each time)
 */
@ConfigurationProperties("action")
public record ActionProperties(@DefaultValue("1000000") int maxMessageChars, @DefaultValue("2s") Duration maxRenderTime,
		@DefaultValue("") String emailFrom, @DefaultValue("0") double emailsPerSecond,
		@DefaultValue("3") int smtpAttempts, @DefaultValue("1s") Duration smtpBackoff) {

}
