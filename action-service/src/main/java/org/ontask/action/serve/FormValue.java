package org.ontask.action.serve;

import java.math.BigDecimal;

/**
 * A cell value as a form field holds it: numbers as written, {@code true}/{@code false},
 * empty for none.
 */
final class FormValue {

	private FormValue() {
	}

	static String of(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Double number) {
			return number.isNaN() ? "" : number.toString();
		}
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		return value.toString();
	}

}
