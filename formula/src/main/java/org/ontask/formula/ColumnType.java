package org.ontask.formula;

import java.util.Locale;
import java.util.Optional;

/**
 * The five column types of the data table, with the names the original stores in column
 * metadata and in the {@code type} of a formula rule.
 */
public enum ColumnType {

	/** Whole numbers ({@code bigint}). */
	INTEGER("integer", "a number"),

	/** Floating-point numbers ({@code double precision}). */
	DOUBLE("double", "a number"),

	/** Text ({@code text}). */
	STRING("string", "text"),

	/** True or false ({@code boolean}). */
	BOOLEAN("boolean", "true/false"),

	/** An instant ({@code timestamp with time zone}). */
	DATETIME("datetime", "a date and time");

	private final String jsonName;

	private final String description;

	ColumnType(String jsonName, String description) {
		this.jsonName = jsonName;
		this.description = description;
	}

	/**
	 * The name used in JSON ({@code integer}, {@code double}, {@code string},
	 * {@code boolean}, {@code datetime}).
	 * @return the lower-case name
	 */
	public String jsonName() {
		return this.jsonName;
	}

	/**
	 * What a value of this type is, for messages ("a number", "text").
	 * @return a short English phrase
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Whether values of this type have an order, so that {@code less}, {@code between}
	 * and the like apply.
	 * @return true for numbers and dates
	 */
	public boolean isOrdered() {
		return this == INTEGER || this == DOUBLE || this == DATETIME;
	}

	/**
	 * The type with the given JSON name, ignoring case.
	 * @param name a name such as {@code "integer"}
	 * @return the type, or empty for an unknown name or null
	 */
	public static Optional<ColumnType> fromJsonName(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String lower = name.trim().toLowerCase(Locale.ROOT);
		for (ColumnType type : values()) {
			if (type.jsonName.equals(lower)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
