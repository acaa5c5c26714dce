package org.ontask.dataops.api;

import java.math.BigDecimal;

/**
 * Cells of a CSV download: values as text a re-upload reads back with the same type, and
 * text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * carriage return) prefixed with a single quote.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/**
	 * The text of a stored value.
	 * @param value a typed value or {@code null}
	 * @return its text (empty for {@code null}), neutralised when it is text
	 */
	public static String text(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof String string) {
			return neutralise(string);
		}
		if (value instanceof Double number && !number.isNaN() && !number.isInfinite()) {
			return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
		}
		return value.toString();
	}

	/**
	 * Neutralises text a spreadsheet would interpret.
	 * @param text the text
	 * @return the text, with a leading {@code '} when it starts with = + - @ tab or CR
	 */
	public static String neutralise(String text) {
		if (!text.isEmpty()) {
			char first = text.charAt(0);
			if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
				return "'" + text;
			}
		}
		return text;
	}

}
