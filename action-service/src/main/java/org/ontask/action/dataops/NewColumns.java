package org.ontask.action.dataops;

import java.util.List;

/**
 * Columns to add to a table (contract C3).
 *
 * @param columns the columns
 */
public record NewColumns(List<Column> columns) {

	/**
	 * One new column.
	 *
	 * @param name its name
	 * @param type {@code integer}, {@code double}, {@code string}, {@code boolean} or
	 * {@code datetime}
	 * @param description its description
	 * @param categories its allowed values, empty for any
	 */
	public record Column(String name, String type, String description, List<Object> categories) {

	}

}
