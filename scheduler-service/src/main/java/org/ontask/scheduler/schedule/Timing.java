package org.ontask.scheduler.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.quartz.CalendarIntervalScheduleBuilder;
import org.quartz.CronScheduleBuilder;
import org.quartz.DateBuilder.IntervalUnit;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

/**
 * When a schedule runs: once at {@code runAt}; or repeating by a cron expression or every
 * N minutes, hours or days, inside an optional window from {@code start} to {@code end}.
 * Times are instants (stored in UTC); the zone is the user's, in which cron expressions
 * and daily intervals are read, so 09:00 stays 09:00 across daylight-saving changes.
 *
 * @param runAt the one time of a one-off schedule
 * @param cron the five-field cron expression of a repeating schedule
 * @param everyAmount the N of every N units
 * @param everyUnit {@code MINUTES}, {@code HOURS} or {@code DAYS}
 * @param start the start of the window (none: from now)
 * @param end the end of the window (none: for ever)
 * @param zone the user's time zone
 */
record Timing(Instant runAt, String cron, Integer everyAmount, String everyUnit, Instant start, Instant end,
		ZoneId zone) {

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

	/**
	 * Checks the timing fields of a request.
	 * @param input the fields as entered
	 * @param defaultZone the zone when none is given
	 * @param now the current time
	 * @param previous the schedule's timing before an edit (a start already in the past
	 * may stay), or null
	 * @return the timing
	 * @throws InvalidScheduleException naming what is wrong
	 */
	static Timing of(Input input, ZoneId defaultZone, Instant now, Timing previous) {
		ZoneId zone = zone(input.zone(), defaultZone);
		int kinds = ((input.runAt() != null && !input.runAt().isBlank()) ? 1 : 0)
				+ ((input.cron() != null && !input.cron().isBlank()) ? 1 : 0) + ((input.everyMinutes() != null) ? 1 : 0)
				+ ((input.everyHours() != null) ? 1 : 0) + ((input.everyDays() != null) ? 1 : 0);
		if (kinds == 0) {
			throw new InvalidScheduleException("runAt",
					"Say when it runs: once at a time (runAt), by a cron expression (cron), or every N minutes, "
							+ "hours or days (everyMinutes, everyHours, everyDays).");
		}
		if (kinds > 1) {
			throw new InvalidScheduleException("runAt",
					"Give only one of a time (runAt), a cron expression (cron) and an interval (everyMinutes, "
							+ "everyHours, everyDays).");
		}
		Instant start = time("start", input.start(), zone);
		Instant end = time("end", input.end(), zone);
		if (input.runAt() != null && !input.runAt().isBlank()) {
			if (start != null || end != null) {
				throw new InvalidScheduleException("start",
						"A schedule that runs once has no start or end: those are for repeating schedules.");
			}
			Instant runAt = time("runAt", input.runAt(), zone);
			if (!runAt.isAfter(now)) {
				throw new InvalidScheduleException("runAt",
						"The time " + show(runAt, zone) + " is in the past: choose a time to come.");
			}
			return new Timing(runAt, null, null, null, null, null, zone);
		}
		if (start != null && start.isBefore(now.minusSeconds(60))
				&& (previous == null || !start.equals(previous.start()))) {
			throw new InvalidScheduleException("start",
					"The start " + show(start, zone) + " is in the past: leave it empty to start now.");
		}
		if (end != null && start != null && !end.isAfter(start)) {
			throw new InvalidScheduleException("end",
					"The end " + show(end, zone) + " is before the start " + show(start, zone) + ".");
		}
		if (end != null && !end.isAfter(now)) {
			throw new InvalidScheduleException("end", "The end " + show(end, zone) + " is in the past.");
		}
		Timing timing;
		if (input.cron() != null && !input.cron().isBlank()) {
			timing = new Timing(null, Cron.parse(input.cron()).expression(), null, null, start, end, zone);
		}
		else {
			String unit = (input.everyMinutes() != null) ? "MINUTES" : (input.everyHours() != null) ? "HOURS" : "DAYS";
			Integer amount = (input.everyMinutes() != null) ? input.everyMinutes()
					: (input.everyHours() != null) ? input.everyHours() : input.everyDays();
			String field = "every" + unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
			if (amount < 1 || amount > 1000) {
				throw new InvalidScheduleException(field,
						"The interval (" + field + ") must be a whole number from 1 to 1000; it is " + amount + ".");
			}
			timing = new Timing(null, null, amount, unit, start, end, zone);
		}
		if (timing.firstRun(now) == null) {
			throw new InvalidScheduleException("cron", "It would never run between " + show(start, zone) + " and "
					+ show(end, zone) + ": widen the window or change the times.");
		}
		return timing;
	}

	/**
	 * Whether it runs once only.
	 * @return true for a one-off schedule
	 */
	boolean once() {
		return this.runAt != null;
	}

	/**
	 * The Quartz trigger that fires this timing. Misfire policy: a due time missed while
	 * every replica was down fires once as soon as one is back (one-off and repeating
	 * alike); later due times follow the normal cadence. A miss found after the window's
	 * end is skipped by the job.
	 * @param key the trigger's key
	 * @param job the job it fires
	 * @param now the current time (the start of a window that has none)
	 * @return the trigger
	 */
	Trigger trigger(TriggerKey key, JobKey job, Instant now) {
		TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(key).forJob(job);
		ScheduleBuilder<? extends Trigger> schedule;
		Instant first;
		if (this.runAt != null) {
			schedule = SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow();
			first = this.runAt;
		}
		else if (this.cron != null) {
			schedule = CronScheduleBuilder.cronSchedule(Cron.parse(this.cron).quartz())
				.inTimeZone(TimeZone.getTimeZone(this.zone))
				.withMisfireHandlingInstructionFireAndProceed();
			first = (this.start != null) ? this.start : now;
		}
		else {
			schedule = CalendarIntervalScheduleBuilder.calendarIntervalSchedule()
				.withInterval(this.everyAmount,
						IntervalUnit.valueOf(this.everyUnit.substring(0, this.everyUnit.length() - 1)))
				.inTimeZone(TimeZone.getTimeZone(this.zone))
				.preserveHourOfDayAcrossDaylightSavings(true)
				.withMisfireHandlingInstructionFireAndProceed();
			first = (this.start != null) ? this.start : now.plus(interval());
		}
		builder.startAt(Date.from(first));
		if (this.end != null) {
			builder.endAt(Date.from(this.end));
		}
		return builder.withSchedule(schedule).build();
	}

	private Duration interval() {
		return switch (this.everyUnit) {
			case "MINUTES" -> Duration.ofMinutes(this.everyAmount);
			case "HOURS" -> Duration.ofHours(this.everyAmount);
			default -> Duration.ofDays(this.everyAmount);
		};
	}

	/**
	 * The next due times from now on.
	 * @param now the current time
	 * @param count how many at most
	 * @return the due times, earliest first
	 */
	List<Instant> nextRuns(Instant now, int count) {
		OperableTrigger trigger = (OperableTrigger) trigger(TriggerKey.triggerKey("preview"), JobKey.jobKey("preview"),
				now);
		List<Instant> runs = new ArrayList<>();
		for (Date date : TriggerUtils.computeFireTimes(trigger, null, count)) {
			runs.add(date.toInstant());
		}
		return runs;
	}

	private Instant firstRun(Instant now) {
		List<Instant> runs = nextRuns(now, 1);
		return runs.isEmpty() ? null : runs.get(0);
	}

	/**
	 * The timing in words, in the user's zone.
	 * @return e.g.
	 * {@code at 09:00 on Monday, from 1 Dec 2026 09:00 until 1 Feb 2027 00:00
	 * (Europe/London)}
	 */
	String describe() {
		String text;
		if (this.runAt != null) {
			text = "once at " + show(this.runAt, this.zone);
		}
		else if (this.cron != null) {
			text = Cron.parse(this.cron).describe();
		}
		else {
			String unit = this.everyUnit.toLowerCase(Locale.ROOT);
			text = (this.everyAmount == 1) ? "every " + unit.substring(0, unit.length() - 1)
					: "every " + this.everyAmount + " " + unit;
		}
		if (this.start != null) {
			text += ", from " + show(this.start, this.zone);
		}
		if (this.end != null) {
			text += ", until " + show(this.end, this.zone);
		}
		return text + " (" + this.zone.getId() + ")";
	}

	/**
	 * A time as the user reads it.
	 * @param instant the time
	 * @param zone the user's zone
	 * @return e.g. {@code 24 Nov 2026 09:00 GMT}
	 */
	static String show(Instant instant, ZoneId zone) {
		if (instant == null) {
			return "";
		}
		ZonedDateTime local = instant.atZone(zone);
		return SHOWN.format(local) + " " + DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(local);
	}

	private static ZoneId zone(String text, ZoneId defaultZone) {
		if (text == null || text.isBlank()) {
			return defaultZone;
		}
		try {
			return ZoneId.of(text.trim());
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException("zone", "The time zone \"" + text
					+ "\" is not known: use a name such as Europe/London or America/New_York.");
		}
	}

	/**
	 * A time as entered: ISO-8601 with an offset, or a local date and time read in the
	 * user's zone (what a browser's date-time field sends).
	 */
	static Instant time(String field, String text, ZoneId zone) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.trim();
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not with an offset: a local time
		}
		try {
			return ZonedDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not with a zone either
		}
		try {
			return LocalDateTime.parse(value).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidScheduleException(field,
					"The " + field + " \"" + text + "\" is not a date and time: write it like 2026-12-01T09:00 (in "
							+ zone.getId() + ") or 2026-12-01T09:00:00+00:00.");
		}
	}

	/**
	 * The timing fields as entered.
	 *
	 * @param runAt a one-off time
	 * @param cron a five-field cron expression
	 * @param everyMinutes an interval in minutes
	 * @param everyHours an interval in hours
	 * @param everyDays an interval in days
	 * @param start the window's start
	 * @param end the window's end
	 * @param zone the user's zone
	 */
	record Input(String runAt, String cron, Integer everyMinutes, Integer everyHours, Integer everyDays, String start,
			String end, String zone) {

	}

}
