package org.ontask.formula;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed values: constants of a formula (parsed from the text the editor stores) and cells
 * of a row (as the caller hands them to the evaluator).
 * <p>
 * Constants are {@link Long}, {@link Double}, {@link String}, {@link Boolean} and
 * {@link OffsetDateTime} (truncated to microseconds, PostgreSQL's precision). Cells are
 * normalised for comparison to {@link BigDecimal}, {@link Double}, {@link String},
 * {@link Boolean} and {@link Instant}; a missing cell, and a NaN, is null.
 */
final class Values {

	private static final Pattern DATE_SPACE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})[ T](.*)$");

	private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})?$");

	private static final DateTimeFormatter DISPLAY = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
		.optionalEnd()
		.appendOffset("+HH:MM", "Z")
		.toFormatter(Locale.ROOT);

	private Values() {
	}

	/**
	 * The constant for a column of the given type.
	 * @throws IllegalArgumentException with the reason the text does not fit, e.g.
	 * {@code "abc" is not a number}
	 */
	static Object constant(ColumnType type, String text, ZoneId zone) {
		switch (type) {
			case INTEGER:
				return wholeNumber(text);
			case DOUBLE:
				return number(text);
			case BOOLEAN:
				return bool(text);
			case DATETIME:
				return dateTime(text, zone);
			default:
				return text;
		}
	}

	/**
	 * The cell of a row, normalised for comparison; null when missing.
	 * @throws IllegalArgumentException when the Java value does not fit the type
	 */
	static Object cell(ColumnType type, Object value, ZoneId zone) {
		if (value == null) {
			return null;
		}
		switch (type) {
			case INTEGER:
				if (value instanceof Long || value instanceof Integer || value instanceof Short
						|| value instanceof Byte) {
					return BigDecimal.valueOf(((Number) value).longValue());
				}
				if (value instanceof BigInteger) {
					return new BigDecimal((BigInteger) value);
				}
				if (value instanceof BigDecimal) {
					return value;
				}
				if (value instanceof Double || value instanceof Float) {
					double d = ((Number) value).doubleValue();
					return (Double.isNaN(d) || Double.isInfinite(d)) ? null : new BigDecimal(Double.toString(d));
				}
				if (value instanceof CharSequence) {
					return BigDecimal.valueOf(wholeNumber(value.toString()));
				}
				break;
			case DOUBLE:
				if (value instanceof Number) {
					double d = ((Number) value).doubleValue();
					return Double.isNaN(d) ? null : d;
				}
				if (value instanceof CharSequence) {
					return number(value.toString());
				}
				break;
			case STRING:
				if (value instanceof CharSequence || value instanceof Character) {
					return value.toString();
				}
				break;
			case BOOLEAN:
				if (value instanceof Boolean) {
					return value;
				}
				if (value instanceof CharSequence || value instanceof Number) {
					return bool(value.toString());
				}
				break;
			case DATETIME:
				if (value instanceof Instant) {
					return value;
				}
				if (value instanceof OffsetDateTime) {
					return ((OffsetDateTime) value).toInstant();
				}
				if (value instanceof ZonedDateTime) {
					return ((ZonedDateTime) value).toInstant();
				}
				if (value instanceof LocalDateTime) {
					return ((LocalDateTime) value).atZone(zone).toInstant();
				}
				if (value instanceof LocalDate) {
					return ((LocalDate) value).atStartOfDay(zone).toInstant();
				}
				if (value instanceof Date) {
					return ((Date) value).toInstant();
				}
				if (value instanceof CharSequence) {
					return dateTime(value.toString(), zone).toInstant();
				}
				break;
			default:
				break;
		}
		throw new IllegalArgumentException(
				"holds " + type.description() + ", but the row has a " + value.getClass().getSimpleName());
	}

	/** The constant in the form comparable with {@link #cell}. */
	static Object comparable(Object constant) {
		if (constant instanceof Long) {
			return BigDecimal.valueOf((Long) constant);
		}
		if (constant instanceof OffsetDateTime) {
			return ((OffsetDateTime) constant).toInstant();
		}
		return constant;
	}

	/**
	 * Compares a normalised cell and a comparable constant of the same type. Doubles are
	 * compared as PostgreSQL does for non-NaN values, so -0.0 equals 0.0.
	 */
	static int compare(Object cell, Object constant) {
		if (cell instanceof Double) {
			double a = (Double) cell;
			double b = (Double) constant;
			return (a < b) ? -1 : ((a > b) ? 1 : 0);
		}
		if (cell instanceof BigDecimal) {
			return ((BigDecimal) cell).compareTo((BigDecimal) constant);
		}
		if (cell instanceof Instant) {
			return ((Instant) cell).compareTo((Instant) constant);
		}
		throw new IllegalStateException("No order for " + cell.getClass().getSimpleName());
	}

	static boolean equal(Object cell, Object constant) {
		if (cell instanceof Double || cell instanceof BigDecimal || cell instanceof Instant) {
			return compare(cell, constant) == 0;
		}
		return cell.equals(constant);
	}

	/** The constant as readable text: strings quoted, numbers plain, dates ISO-like. */
	static String display(Object constant) {
		if (constant instanceof String) {
			return "\"" + ((String) constant).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
		}
		if (constant instanceof Double) {
			return plain((Double) constant);
		}
		if (constant instanceof OffsetDateTime) {
			return DISPLAY.format((OffsetDateTime) constant);
		}
		return String.valueOf(constant);
	}

	/** The constant as the text stored in the formula JSON. */
	static String json(Object constant) {
		if (constant instanceof Double) {
			return plain((Double) constant);
		}
		if (constant instanceof OffsetDateTime) {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) constant);
		}
		return String.valueOf(constant);
	}

	private static String plain(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}

	private static Long wholeNumber(String text) {
		BigDecimal decimal = decimal(text, "a whole number");
		try {
			return decimal.stripTrailingZeros().longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(quoted(text) + " is not a whole number");
		}
	}

	private static Double number(String text) {
		double value = decimal(text, "a number").doubleValue();
		if (Double.isInfinite(value)) {
			throw new IllegalArgumentException(quoted(text) + " is too large a number");
		}
		return value;
	}

	private static BigDecimal decimal(String text, String what) {
		String trimmed = text.trim();
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw new IllegalArgumentException(quoted(text) + " is not " + what);
		}
		try {
			return new BigDecimal(trimmed);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(quoted(text) + " is not " + what);
		}
	}

	private static Boolean bool(String text) {
		switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "true":
			case "1":
			case "t":
			case "yes":
				return Boolean.TRUE;
			case "false":
			case "0":
			case "f":
			case "no":
				return Boolean.FALSE;
			default:
				throw new IllegalArgumentException(quoted(text) + " is not true or false");
		}
	}

	/**
	 * A date and time: {@code YYYY-MM-DD}, optionally followed by {@code HH:MM[:SS[.f]]}
	 * after a space or {@code T}, optionally followed by a zone ({@code Z},
	 * {@code +10:00}, {@code +1000}, {@code +10} or {@code [Region/City]}). Without a
	 * zone, the given one applies.
	 */
	private static OffsetDateTime dateTime(String text, ZoneId zone) {
		String trimmed = text.trim();
		try {
			Matcher matcher = DATE_SPACE_TIME.matcher(trimmed);
			if (!matcher.matches()) {
				return LocalDate.parse(trimmed).atStartOfDay(zone).toOffsetDateTime();
			}
			String time = matcher.group(2).trim();
			Matcher offset = COMPACT_OFFSET.matcher(time);
			if (time.length() > 5 && offset.find() && offset.start() >= 5) {
				time = time.substring(0, offset.start()) + offset.group(1) + ":"
						+ ((offset.group(2) != null) ? offset.group(2) : "00");
			}
			String iso = matcher.group(1) + "T" + time;
			OffsetDateTime parsed;
			if (iso.endsWith("]")) {
				parsed = ZonedDateTime.parse(iso).toOffsetDateTime();
			}
			else if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")) {
				parsed = OffsetDateTime.parse(iso);
			}
			else {
				parsed = LocalDateTime.parse(iso).atZone(zone).toOffsetDateTime();
			}
			return parsed.truncatedTo(ChronoUnit.MICROS);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(quoted(text)
					+ " is not a date and time (write YYYY-MM-DD HH:MM:SS, optionally with a zone such as +10:00)");
		}
	}

	private static String quoted(String text) {
		return FormulaReader.quoted(text);
	}

}
