package org.ontask.dataops.column;

import org.ontask.dataops.store.ColumnType;

/**
 * How a column's values convert from one type to another in SQL: which values can (the
 * same rules as uploads read text), and the {@code USING} expression. The expressions
 * hold only the physical column name and fixed text.
 *
 * @param convertible a boolean SQL expression true when a non-null value converts
 * @param using the conversion
 */
record TypeConversion(String convertible, String using) {

	private static final String INTEGER_TEXT = "'^[[:space:]]*[+-]{0,1}[0-9]{1,18}([.]0*){0,1}[[:space:]]*$'";

	private static final String DECIMAL_TEXT = "'^[[:space:]]*[+-]{0,1}([0-9]+[.]{0,1}[0-9]*|[.][0-9]+)([eE][+-]{0,1}[0-9]+){0,1}[[:space:]]*$'";

	private static final String DATE_TEXT = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+){0,1}){0,1}){0,1}[[:space:]]*([zZ]|[+-][0-9]{2}(:{0,1}[0-9]{2}){0,1}){0,1}$'";

	private static final String TRUE_WORDS = "('true', 't', 'yes', 'y', '1')";

	private static final String BOOLEAN_WORDS = "('true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0')";

	/**
	 * The conversion between two types, or {@code null} when no value of the first type
	 * can become the second (dates and numbers or booleans).
	 * @param from the current type
	 * @param to the new type
	 * @param c the physical column name
	 * @return the conversion or {@code null}
	 */
	static TypeConversion of(ColumnType from, ColumnType to, String c) {
		String trimmed = "btrim(" + c + ")";
		return switch (from) {
			case INTEGER -> switch (to) {
				case DOUBLE -> new TypeConversion("TRUE", c + "::double precision");
				case STRING -> new TypeConversion("TRUE", c + "::text");
				case BOOLEAN -> new TypeConversion(c + " IN (0, 1)", c + " <> 0");
				default -> null;
			};
			case DOUBLE -> switch (to) {
				case INTEGER ->
					new TypeConversion(c + " = trunc(" + c + ") AND abs(" + c + ") < 9e15", "round(" + c + ")::bigint");
				case STRING -> new TypeConversion("TRUE", c + "::text");
				case BOOLEAN -> new TypeConversion(c + " IN (0, 1)", c + " <> 0");
				default -> null;
			};
			case STRING -> switch (to) {
				case INTEGER -> new TypeConversion(trimmed + " = '' OR " + c + " ~ " + INTEGER_TEXT,
						"NULLIF(" + trimmed + ", '')::numeric::bigint");
				case DOUBLE -> new TypeConversion(trimmed + " = '' OR " + c + " ~ " + DECIMAL_TEXT,
						"NULLIF(" + trimmed + ", '')::double precision");
				case BOOLEAN ->
					new TypeConversion(trimmed + " = '' OR lower(" + trimmed + ") IN " + BOOLEAN_WORDS, "CASE WHEN "
							+ trimmed + " = '' THEN NULL ELSE lower(" + trimmed + ") IN " + TRUE_WORDS + " END");
				// naive date-times are read in the session zone, set to the site's zone
				case DATETIME -> new TypeConversion(trimmed + " = '' OR " + trimmed + " ~ " + DATE_TEXT,
						"NULLIF(" + trimmed + ", '')::timestamptz");
				default -> null;
			};
			case BOOLEAN -> switch (to) {
				case INTEGER -> new TypeConversion("TRUE", "CASE WHEN " + c + " THEN 1 ELSE 0 END");
				case DOUBLE -> new TypeConversion("TRUE", "CASE WHEN " + c + " THEN 1.0 ELSE 0.0 END");
				case STRING -> new TypeConversion("TRUE", c + "::text");
				default -> null;
			};
			case DATETIME -> (to == ColumnType.STRING)
					? new TypeConversion("TRUE", "to_char(" + c + ", 'YYYY-MM-DD HH24:MI:SSOF')") : null;
		};
	}

}
