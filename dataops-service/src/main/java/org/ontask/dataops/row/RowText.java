package org.ontask.dataops.row;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Values as the pages show them and the forms read them back.
 */
public final class RowText {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

	private RowText() {
	}

	/**
	 * The text of a value.
	 * @param value a typed value or {@code null}
	 * @param zone the zone date-times are shown in
	 * @return the text, empty for {@code null}
	 */
	public static String of(Object value, ZoneId zone) {
		if (value == null) {
			return "";
		}
		if (value instanceof Instant instant) {
			return DATE_TIME.format(instant.atZone(zone));
		}
		if (value instanceof Double number && !number.isNaN() && !number.isInfinite()) {
			return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
		}
		return value.toString();
	}

}
