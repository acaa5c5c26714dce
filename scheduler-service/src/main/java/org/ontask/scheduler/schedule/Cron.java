package org.ontask.scheduler.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.quartz.CronExpression;

/**
 * A standard five-field cron expression (minute, hour, day of month, month, day of week,
 * in that order, as crontab(5) has them), checked field by field, translated to Quartz's
 * syntax (which adds seconds, numbers days of the week from 1 = Sunday and wants a
 * {@code ?} in one of the day fields) and described in words. The original system split
 * its crontab string in the wrong order; here the order is crontab's.
 */
final class Cron {

	private static final String[] MONTHS = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
			"NOV", "DEC" };

	private static final String[] MONTH_NAMES = { "January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December" };

	private static final String[] DAYS = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

	private static final String[] DAY_NAMES = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
			"Saturday" };

	private static final Field[] FIELDS = { new Field("minute", 0, 59, null, 0), new Field("hour", 0, 23, null, 0),
			new Field("day of month", 1, 31, null, 0), new Field("month", 1, 12, MONTHS, 1),
			new Field("day of week", 0, 7, DAYS, 0) };

	private final String[] parts;

	private final List<TreeSet<Integer>> values;

	private Cron(String[] parts, List<TreeSet<Integer>> values) {
		this.parts = parts;
		this.values = values;
	}

	/**
	 * Checks an expression.
	 * @param text five fields separated by spaces
	 * @return the parsed expression
	 * @throws InvalidScheduleException naming the field that is wrong
	 */
	static Cron parse(String text) {
		String trimmed = (text != null) ? text.trim() : "";
		String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.toUpperCase(Locale.ROOT).split("\\s+");
		if (parts.length != 5) {
			throw new InvalidScheduleException("cron",
					"A cron expression has five fields separated by spaces: minute, hour, day of month, month and "
							+ "day of week (for example \"0 9 * * 1\" runs at 09:00 every Monday); \"" + trimmed
							+ "\" has " + parts.length + ".");
		}
		List<TreeSet<Integer>> values = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			values.add(FIELDS[i].expand(parts[i]));
		}
		// crontab's 7 is Sunday too
		if (values.get(4).remove(7)) {
			values.get(4).add(0);
		}
		if (!parts[2].equals("*") && !parts[4].equals("*")) {
			throw new InvalidScheduleException("cron",
					"The cron expression restricts both the day of month (\"" + parts[2] + "\") and the day of week (\""
							+ parts[4] + "\"): give only one of them and put * in the other.");
		}
		Cron cron = new Cron(parts, values);
		if (!CronExpression.isValidExpression(cron.quartz())) {
			throw new InvalidScheduleException("cron", "The cron expression \"" + trimmed + "\" is not valid.");
		}
		return cron;
	}

	/**
	 * The same times in Quartz's syntax.
	 * @return e.g. {@code 0 0 9 ? * MON} for {@code 0 9 * * 1}
	 */
	String quartz() {
		String dayOfMonth = this.parts[2];
		String dayOfWeek;
		if (this.parts[4].equals("*")) {
			dayOfWeek = "?";
		}
		else {
			dayOfMonth = "?";
			List<String> days = new ArrayList<>();
			for (int day : this.values.get(4)) {
				days.add(DAYS[day]);
			}
			dayOfWeek = String.join(",", days);
		}
		return "0 " + this.parts[0] + " " + this.parts[1] + " " + dayOfMonth + " " + this.parts[3] + " " + dayOfWeek;
	}

	/**
	 * The expression as entered, normalised.
	 * @return five fields separated by single spaces
	 */
	String expression() {
		return String.join(" ", this.parts);
	}

	/**
	 * The times in words.
	 * @return e.g. {@code at 09:00 on Monday}
	 */
	String describe() {
		return time() + days();
	}

	private String time() {
		TreeSet<Integer> minutes = this.values.get(0);
		TreeSet<Integer> hours = this.values.get(1);
		boolean everyHour = this.parts[1].equals("*");
		if (minutes.size() == 1 && hours.size() <= 6) {
			List<String> times = new ArrayList<>();
			for (int hour : hours) {
				times.add(String.format("%02d:%02d", hour, minutes.first()));
			}
			if (!everyHour) {
				return "at " + join(times);
			}
		}
		if (this.parts[0].equals("*")) {
			return everyHour ? "every minute" : "every minute of " + hours(hours);
		}
		String step = step(this.parts[0]);
		if (step != null) {
			String every = step.equals("1") ? "every minute" : "every " + step + " minutes";
			return everyHour ? every : every + " of " + hours(hours);
		}
		String past = (minutes.size() == 1) ? "at minute " + minutes.first()
				: "at minutes " + join(minutes.stream().map(String::valueOf).toList());
		return past + (everyHour ? " of every hour" : " of " + hours(hours));
	}

	private static String hours(TreeSet<Integer> hours) {
		return ((hours.size() == 1) ? "hour " : "hours ")
				+ join(hours.stream().map((h) -> String.format("%02d", h)).toList());
	}

	private String days() {
		StringBuilder text = new StringBuilder();
		if (!this.parts[4].equals("*")) {
			text.append(" on ").append(dayList(this.values.get(4)));
		}
		else if (!this.parts[2].equals("*")) {
			TreeSet<Integer> days = this.values.get(2);
			text.append((days.size() == 1) ? " on day " : " on days ")
				.append(join(days.stream().map(String::valueOf).toList()))
				.append(" of the month");
		}
		else if (this.parts[3].equals("*")) {
			if (!this.parts[1].equals("*") && this.values.get(0).size() == 1) {
				text.append(" every day");
			}
		}
		if (!this.parts[3].equals("*")) {
			text.append(" in ").append(join(this.values.get(3).stream().map((m) -> MONTH_NAMES[m - 1]).toList()));
		}
		return text.toString();
	}

	/** Monday to Friday, or Monday, Wednesday and Friday. */
	private static String dayList(TreeSet<Integer> days) {
		// Monday first, as a week is read
		List<Integer> order = new ArrayList<>();
		for (int day : List.of(1, 2, 3, 4, 5, 6, 0)) {
			if (days.contains(day)) {
				order.add(day);
			}
		}
		if (order.size() >= 3) {
			int first = List.of(1, 2, 3, 4, 5, 6, 0).indexOf(order.get(0));
			boolean contiguous = true;
			for (int i = 1; i < order.size(); i++) {
				if (List.of(1, 2, 3, 4, 5, 6, 0).indexOf(order.get(i)) != first + i) {
					contiguous = false;
				}
			}
			if (contiguous) {
				return DAY_NAMES[order.get(0)] + " to " + DAY_NAMES[order.get(order.size() - 1)];
			}
		}
		return join(order.stream().map((d) -> DAY_NAMES[d]).toList());
	}

	private static String step(String part) {
		return part.startsWith("*/") ? part.substring(2) : null;
	}

	private static String join(List<String> items) {
		if (items.size() <= 1) {
			return String.join("", items);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
	}

	private record Field(String name, int min, int max, String[] names, int namesFrom) {

		TreeSet<Integer> expand(String part) {
			TreeSet<Integer> result = new TreeSet<>();
			if (part.isEmpty()) {
				throw invalid(part);
			}
			for (String item : part.split(",", -1)) {
				String range = item;
				int step = 1;
				int slash = item.indexOf('/');
				if (slash >= 0) {
					range = item.substring(0, slash);
					step = number(item.substring(slash + 1), part);
					if (step < 1) {
						throw invalid(part);
					}
				}
				int from;
				int to;
				if (range.equals("*")) {
					from = this.min;
					to = (this.max == 7) ? 6 : this.max;
				}
				else if (range.contains("-")) {
					String[] ends = range.split("-", -1);
					if (ends.length != 2) {
						throw invalid(part);
					}
					from = value(ends[0], part);
					to = value(ends[1], part);
					if (from > to) {
						throw new InvalidScheduleException("cron",
								"The " + this.name + " field of the cron expression, \"" + part
										+ "\", has a range from " + ends[0] + " to " + ends[1]
										+ " that runs backwards.");
					}
				}
				else {
					from = value(range, part);
					to = (slash >= 0) ? ((this.max == 7) ? 6 : this.max) : from;
				}
				for (int v = from; v <= to; v += step) {
					result.add(v);
				}
			}
			return result;
		}

		private int value(String text, String part) {
			if (this.names != null) {
				for (int i = 0; i < this.names.length; i++) {
					if (this.names[i].equals(text)) {
						return i + this.namesFrom;
					}
				}
			}
			int value = number(text, part);
			if (value < this.min || value > this.max) {
				throw invalid(part);
			}
			return value;
		}

		private int number(String text, String part) {
			if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
				throw invalid(part);
			}
			return Integer.parseInt(text);
		}

		private InvalidScheduleException invalid(String part) {
			String allowed = "a number from " + this.min + " to " + this.max;
			if (this.names != null) {
				allowed += (this.max == 7) ? " (0 and 7 are Sunday) or a name such as MON" : " or a name such as JAN";
			}
			return new InvalidScheduleException("cron", "The " + this.name + " field of the cron expression, \"" + part
					+ "\", is not valid: use " + allowed + ", *, a list (1,15), a range (1-5) or a step (*/2).");
		}

	}

}
