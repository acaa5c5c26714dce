package org.ontask.action.template;

import java.math.BigDecimal;

/**
 * How a cell value prints in a message. As in the original, numbers and true/false print
 * the way Python's {@code str()} does ({@code 5}, {@code 5.0}, {@code True}); unlike the
 * original, a missing value prints as nothing instead of {@code None}.
 */
public final class ValueText {

	private ValueText() {
	}

	/**
	 * The text of a value.
	 * @param value a value as dataops answers it
	 * @return its text, empty for null
	 */
	public static String of(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Boolean bool) {
			return bool ? "True" : "False";
		}
		if (value instanceof Double number) {
			return number.isNaN() ? "" : number.toString();
		}
		if (value instanceof Float number) {
			return number.isNaN() ? "" : Double.toString(number.doubleValue());
		}
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		return value.toString();
	}

}
