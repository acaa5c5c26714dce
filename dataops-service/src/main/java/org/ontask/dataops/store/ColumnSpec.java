package org.ontask.dataops.store;

/**
 * A column to create: in a new table, a merge or a column addition.
 *
 * @param name its name (validated with {@link ColumnNames#check(String)})
 * @param type its type
 * @param key whether it is a key column
 * @param description free text, may be empty
 */
public record ColumnSpec(String name, ColumnType type, boolean key, String description) {

	/**
	 * A column without description.
	 * @param name its name
	 * @param type its type
	 * @param key whether it is a key
	 */
	public ColumnSpec(String name, ColumnType type, boolean key) {
		this(name, type, key, "");
	}

}
