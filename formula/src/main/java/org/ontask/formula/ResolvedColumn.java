package org.ontask.formula;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link ColumnResolver} knows of a column: its type and, for SQL rendering, the
 * physical identifier the caller chose for it.
 * <p>
 * The identifier goes into SQL text as it is, so it must never be derived from the user's
 * column name. As a second line of defence it is checked here: only plain identifiers
 * ({@code c_12}) or double-quoted ones made of letters, digits and underscores
 * ({@code "c_12"}), optionally qualified ({@code t."c_12"}), are accepted.
 *
 * @param sqlIdentifier the column as it appears in SQL, or null when the formula is only
 * evaluated in memory
 * @param type the column's type
 */
public record ResolvedColumn(String sqlIdentifier, ColumnType type) {

	private static final String PART = "(?:[A-Za-z_][A-Za-z0-9_]{0,62}|\"[A-Za-z0-9_]{1,63}\")";

	private static final Pattern SAFE_IDENTIFIER = Pattern.compile(PART + "(?:\\." + PART + ")*");

	/**
	 * Checks the identifier.
	 * @param sqlIdentifier the column as it appears in SQL, or null
	 * @param type the column's type
	 * @throws IllegalArgumentException if the identifier is not of the safe form
	 */
	public ResolvedColumn {
		Objects.requireNonNull(type, "type");
		if (sqlIdentifier != null && !SAFE_IDENTIFIER.matcher(sqlIdentifier).matches()) {
			throw new IllegalArgumentException("Not a safe SQL identifier for a column: only letters, digits and"
					+ " underscores, optionally double-quoted or qualified, are allowed");
		}
	}

	/**
	 * A column known by type only, for formulas that are evaluated in memory and never
	 * rendered as SQL.
	 * @param type the column's type
	 * @return the column
	 */
	public static ResolvedColumn typeOnly(ColumnType type) {
		return new ResolvedColumn(null, type);
	}

}
