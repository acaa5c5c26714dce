package org.ontask.platform.csv;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Cells of the CSV files OnTask writes (table and view downloads, email report
 * attachments, workflow history): values as text an upload reads back with the same type,
 * and text a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * carriage return) prefixed with a single quote, so opening a download never runs what a
 * learner or another user typed.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/**
	 * A typed value as a CSV cell.
	 * @param value a table value ({@code null}, text, number, boolean or instant)
	 * @return its text: empty for null, doubles without exponent or trailing zeros,
	 * instants in ISO-8601, text neutralised
	 */
	public static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof String text) {
			return neutralise(text);
		}
		if (value instanceof Double number && !number.isNaN() && !number.isInfinite()) {
			return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
		}
		if (value instanceof Instant instant) {
			return instant.toString();
		}
		return value.toString();
	}

	/**
	 * Text a spreadsheet would run as a formula, with a leading single quote.
	 * @param text any text, or null
	 * @return the text (empty for null), quoted when it starts like a formula
	 */
	public static String neutralise(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		char first = text.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + text : text;
	}

}
