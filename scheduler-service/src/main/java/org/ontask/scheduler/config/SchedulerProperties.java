package org.ontask.scheduler.config;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduler settings, prefix {@code ontask.scheduler}.
 *
 * @param defaultZone the time zone of a schedule whose user names none: its times are
 * entered and shown in it, and its cron expressions and daily intervals read in it
 */
@ConfigurationProperties("ontask.scheduler")
public record SchedulerProperties(@DefaultValue("UTC") ZoneId defaultZone) {

}
