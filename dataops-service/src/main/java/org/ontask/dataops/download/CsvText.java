package org.ontask.dataops.download;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Cells of a CSV download: values as text an upload reads back with the same type, and
 * text a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * carriage return) prefixed with a single quote.
 */
final class CsvText {

	private CsvText() {
	}

	static String cell(Object value) {
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

	static String neutralise(String text) {
		if (!text.isEmpty()) {
			char first = text.charAt(0);
			if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
				return "'" + text;
			}
		}
		return text;
	}

}
