package org.ontask.formula;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The 18 operators of the original's condition editor (jQuery QueryBuilder), with how
 * many values each takes and the column types it applies to. See the module's README for
 * the SQL and the null semantics of each.
 */
public enum Operator {

	/** The value equals the constant. */
	EQUAL("equal", 1, Applies.ALL),

	/** The value is present and differs from the constant. */
	NOT_EQUAL("not_equal", 1, Applies.ALL),

	/** The text starts with the constant. */
	BEGINS_WITH("begins_with", 1, Applies.TEXT),

	/** The text is present and does not start with the constant. */
	NOT_BEGINS_WITH("not_begins_with", 1, Applies.TEXT),

	/** The text contains the constant. */
	CONTAINS("contains", 1, Applies.TEXT),

	/** The text is present and does not contain the constant. */
	NOT_CONTAINS("not_contains", 1, Applies.TEXT),

	/** The text ends with the constant. */
	ENDS_WITH("ends_with", 1, Applies.TEXT),

	/** The text is present and does not end with the constant. */
	NOT_ENDS_WITH("not_ends_with", 1, Applies.TEXT),

	/** The text is missing or the empty string. */
	IS_EMPTY("is_empty", 0, Applies.TEXT),

	/** The text is present and not the empty string. */
	IS_NOT_EMPTY("is_not_empty", 0, Applies.TEXT),

	/** The value is missing (SQL NULL). */
	IS_NULL("is_null", 0, Applies.ALL),

	/** The value is present. */
	IS_NOT_NULL("is_not_null", 0, Applies.ALL),

	/** The value is less than the constant. */
	LESS("less", 1, Applies.ORDERED),

	/** The value is less than or equal to the constant. */
	LESS_OR_EQUAL("less_or_equal", 1, Applies.ORDERED),

	/** The value is greater than the constant. */
	GREATER("greater", 1, Applies.ORDERED),

	/** The value is greater than or equal to the constant. */
	GREATER_OR_EQUAL("greater_or_equal", 1, Applies.ORDERED),

	/** The value lies between the two constants, both included. */
	BETWEEN("between", 2, Applies.ORDERED),

	/** The value is present and lies outside the two constants. */
	NOT_BETWEEN("not_between", 2, Applies.ORDERED);

	private final String jsonName;

	private final int valueCount;

	private final Applies applies;

	Operator(String jsonName, int valueCount, Applies applies) {
		this.jsonName = jsonName;
		this.valueCount = valueCount;
		this.applies = applies;
	}

	/**
	 * The name used in the formula JSON, e.g. {@code less_or_equal}.
	 * @return the name
	 */
	public String jsonName() {
		return this.jsonName;
	}

	/**
	 * How many constants the operator takes: 0 for the null and empty tests, 2 for
	 * {@code between} and {@code not_between}, 1 otherwise.
	 * @return 0, 1 or 2
	 */
	public int valueCount() {
		return this.valueCount;
	}

	/**
	 * Whether the operator may be used on a column of the given type.
	 * @param type the column's type
	 * @return true if allowed
	 */
	public boolean appliesTo(ColumnType type) {
		return this.applies.types.contains(type);
	}

	/**
	 * The operators allowed on a column type, in the order of this enum.
	 * @param type the column's type
	 * @return an unmodifiable set
	 */
	public static Set<Operator> allowedFor(ColumnType type) {
		EnumSet<Operator> allowed = EnumSet.noneOf(Operator.class);
		for (Operator operator : values()) {
			if (operator.appliesTo(type)) {
				allowed.add(operator);
			}
		}
		return Collections.unmodifiableSet(allowed);
	}

	/**
	 * The operator with the given JSON name (exact, lower case as the editor writes it).
	 * @param name a name such as {@code "not_between"}
	 * @return the operator, or empty
	 */
	public static Optional<Operator> fromJsonName(String name) {
		for (Operator operator : values()) {
			if (operator.jsonName.equals(name)) {
				return Optional.of(operator);
			}
		}
		return Optional.empty();
	}

	/**
	 * What the operator needs, for the message that refuses it on another type.
	 */
	String needs() {
		return this.applies.needs;
	}

	private enum Applies {

		ALL(EnumSet.allOf(ColumnType.class), "any column"),

		TEXT(EnumSet.of(ColumnType.STRING), "text"),

		ORDERED(EnumSet.of(ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DATETIME), "a number or a date");

		private final Set<ColumnType> types;

		private final String needs;

		Applies(Set<ColumnType> types, String needs) {
			this.types = types;
			this.needs = needs;
		}

	}

}
