package org.ontask.dataops.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The five column types of a learner table, their PostgreSQL types and the one way text
 * becomes a value of each (used by uploads, the row editor and the API alike).
 *
 * <p>
 * Java values of each type: {@code INTEGER} {@link Long}, {@code DOUBLE} {@link Double},
 * {@code STRING} {@link String}, {@code BOOLEAN} {@link Boolean}, {@code DATETIME}
 * {@link Instant}. A missing value is {@code null}.
 */
public enum ColumnType {

	/** Whole numbers ({@code bigint}). */
	INTEGER("integer", "bigint", Long.class),
	/** Numbers ({@code double precision}). */
	DOUBLE("double", "double precision", Double.class),
	/** Text ({@code text}), trimmed. */
	STRING("string", "text", String.class),
	/** True or false ({@code boolean}). */
	BOOLEAN("boolean", "boolean", Boolean.class),
	/**
	 * Instants ({@code timestamp with time zone}); naive input is read in the site's
	 * zone.
	 */
	DATETIME("datetime", "timestamp with time zone", Instant.class);

	private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.padNext(1)
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.appendValue(ChronoField.HOUR_OF_DAY, 2)
		.appendLiteral(':')
		.appendValue(ChronoField.MINUTE_OF_HOUR, 2)
		.optionalStart()
		.appendLiteral(':')
		.appendValue(ChronoField.SECOND_OF_MINUTE, 2)
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH", "Z")
		.optionalEnd()
		.optionalEnd()
		.toFormatter(Locale.ROOT)
		.withResolverStyle(java.time.format.ResolverStyle.STRICT);

	private final String label;

	private final String sqlType;

	private final Class<?> javaType;

	ColumnType(String label, String sqlType, Class<?> javaType) {
		this.label = label;
		this.sqlType = sqlType;
		this.javaType = javaType;
	}

	/**
	 * The name stored in metadata and shown to users and API clients.
	 * @return e.g. {@code integer}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The PostgreSQL type of the physical column.
	 * @return e.g. {@code bigint}
	 */
	public String sqlType() {
		return this.sqlType;
	}

	/**
	 * The Java class of this type's values.
	 * @return e.g. {@code Long.class}
	 */
	public Class<?> javaType() {
		return this.javaType;
	}

	/**
	 * The type with this label.
	 * @param label {@code integer}, {@code double}, {@code string}, {@code boolean} or
	 * {@code datetime} (any case)
	 * @return the type
	 * @throws IllegalArgumentException for anything else
	 */
	public static ColumnType ofLabel(String label) {
		for (ColumnType type : values()) {
			if (type.label.equalsIgnoreCase(label == null ? "" : label.trim())) {
				return type;
			}
		}
		throw new IllegalArgumentException(
				"Unknown column type '" + label + "': use integer, double, string, boolean or datetime.");
	}

	/**
	 * Converts text to a value of this type. Blank text is a missing value. Integers
	 * accept whole decimals ({@code 3.0}); booleans accept true/false, yes/no, t/f, 1/0
	 * in any case; datetimes accept ISO 8601 dates and date-times with or without an
	 * offset ({@code 2024-03-01}, {@code 2024-03-01 10:15},
	 * {@code 2024-03-01T10:15:30+11:00}), naive ones read in {@code zone}.
	 * @param text the text, possibly {@code null}
	 * @param zone the zone of naive date-times
	 * @return the value, or {@code null} when the text is blank
	 * @throws IllegalArgumentException with a message for users when the text is not a
	 * value of this type
	 */
	public Object parse(String text, ZoneId zone) {
		if (text == null) {
			return null;
		}
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		return switch (this) {
			case STRING -> value;
			case INTEGER -> parseInteger(value);
			case DOUBLE -> parseDouble(value);
			case BOOLEAN -> parseBoolean(value);
			case DATETIME -> parseDateTime(value, zone);
		};
	}

	/**
	 * Whether a Java value belongs to this type ({@code null} always does).
	 * @param value the value
	 * @return whether it may be stored in a column of this type
	 */
	public boolean accepts(Object value) {
		return value == null || this.javaType.isInstance(value);
	}

	private static Long parseInteger(String value) {
		if (isInteger(value)) {
			try {
				return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + value + "' is too large for an integer");
			}
		}
		if (isDecimal(value)) {
			double number = Double.parseDouble(value);
			if (number == Math.rint(number) && Math.abs(number) < 9.0e15) {
				return (long) number;
			}
		}
		throw new IllegalArgumentException("'" + value + "' is not a whole number");
	}

	private static Double parseDouble(String value) {
		if (!isDecimal(value)) {
			throw new IllegalArgumentException("'" + value + "' is not a number");
		}
		return Double.parseDouble(value);
	}

	private static Boolean parseBoolean(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
			case "false", "f", "no", "n", "0" -> Boolean.FALSE;
			default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
		};
	}

	private static Instant parseDateTime(String value, ZoneId zone) {
		Instant fast = fastDateTime(value, zone);
		if (fast != null) {
			return fast;
		}
		try {
			TemporalAccessor parsed = DATE_TIME.parse(value);
			if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
				return OffsetDateTime.from(parsed).toInstant();
			}
			if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
				return LocalDateTime.from(parsed).atZone(zone).toInstant();
			}
			return LocalDate.from(parsed).atStartOfDay(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + value + "' is not a date and time (use YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS][+HH:MM])");
		}
	}

	/**
	 * Whether the text is an optionally signed run of digits.
	 * @param value stripped text
	 * @return whether it is an integer literal
	 */
	static boolean isInteger(String value) {
		int start = (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
		if (start == value.length() || value.length() - start > 19) {
			return false;
		}
		for (int i = start; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the text is a plain decimal number: sign, digits, point, exponent (no NaN,
	 * Infinity or hexadecimal).
	 * @param value stripped text
	 * @return whether it is a decimal literal
	 */
	static boolean isDecimal(String value) {
		int i = 0;
		int n = value.length();
		if (i < n && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
			i++;
		}
		int digits = 0;
		while (i < n && Character.isDigit(value.charAt(i)) && value.charAt(i) < 128) {
			i++;
			digits++;
		}
		if (i < n && value.charAt(i) == '.') {
			i++;
			while (i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
				i++;
				digits++;
			}
		}
		if (digits == 0) {
			return false;
		}
		if (i < n && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
			i++;
			if (i < n && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
				i++;
			}
			int exponent = 0;
			while (i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
				i++;
				exponent++;
			}
			if (exponent == 0) {
				return false;
			}
		}
		return i == n;
	}

	/**
	 * Whether the text is a date or date-time this type reads.
	 * @param value stripped text
	 * @return whether {@link #parse} would accept it as a datetime
	 */
	static boolean isDateTime(String value) {
		if (value.length() < 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
			return false;
		}
		if (fastDateTime(value, java.time.ZoneOffset.UTC) != null) {
			return true;
		}
		try {
			DATE_TIME.parse(value);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	/**
	 * The common ISO forms read without {@link DateTimeFormatter} (which is slow with
	 * optional sections): {@code YYYY-MM-DD}, then optionally a space or {@code T},
	 * {@code HH:MM}, {@code :SS}, a fraction, and {@code Z} or an offset {@code ±HH},
	 * {@code ±HHMM}, {@code ±HH:MM}.
	 * @param v stripped text
	 * @param zone the zone of naive values
	 * @return the instant, or {@code null} when the text is not in one of these forms
	 * (the formatter then decides)
	 */
	static Instant fastDateTime(String v, ZoneId zone) {
		int n = v.length();
		if (n < 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
			return null;
		}
		int year = digits(v, 0, 4);
		int month = digits(v, 5, 2);
		int day = digits(v, 8, 2);
		if (year < 0 || month < 0 || day < 0) {
			return null;
		}
		try {
			if (n == 10) {
				return LocalDate.of(year, month, day).atStartOfDay(zone).toInstant();
			}
			char separator = v.charAt(10);
			if ((separator != ' ' && separator != 'T') || n < 16 || v.charAt(13) != ':') {
				return null;
			}
			int hour = digits(v, 11, 2);
			int minute = digits(v, 14, 2);
			int second = 0;
			int nanos = 0;
			int i = 16;
			if (i < n && v.charAt(i) == ':') {
				second = digits(v, i + 1, 2);
				i += 3;
				if (i < n && v.charAt(i) == '.') {
					int start = ++i;
					while (i < n && i - start < 9 && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
						nanos = nanos * 10 + (v.charAt(i) - '0');
						i++;
					}
					if (i == start) {
						return null;
					}
					for (int k = i - start; k < 9; k++) {
						nanos *= 10;
					}
				}
			}
			if (hour < 0 || minute < 0 || second < 0) {
				return null;
			}
			LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
			if (i == n) {
				return local.atZone(zone).toInstant();
			}
			char sign = v.charAt(i);
			if (sign == 'Z' && i + 1 == n) {
				return local.toInstant(java.time.ZoneOffset.UTC);
			}
			if (sign != '+' && sign != '-') {
				return null;
			}
			int offsetHours = digits(v, i + 1, 2);
			int offsetMinutes = 0;
			int rest = n - (i + 3);
			if (rest == 3 && v.charAt(i + 3) == ':') {
				offsetMinutes = digits(v, i + 4, 2);
			}
			else if (rest == 2) {
				offsetMinutes = digits(v, i + 3, 2);
			}
			else if (rest != 0) {
				return null;
			}
			if (offsetHours < 0 || offsetMinutes < 0) {
				return null;
			}
			int total = (offsetHours * 3600 + offsetMinutes * 60) * ((sign == '-') ? -1 : 1);
			return local.toInstant(java.time.ZoneOffset.ofTotalSeconds(total));
		}
		catch (java.time.DateTimeException ex) {
			return null;
		}
	}

	private static int digits(String v, int from, int count) {
		if (from + count > v.length()) {
			return -1;
		}
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = v.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/**
	 * Whether the text is a boolean as files write them (true/false in any case).
	 * @param value stripped text
	 * @return whether inference may call it a boolean
	 */
	static boolean isBooleanWord(String value) {
		return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
	}

}
