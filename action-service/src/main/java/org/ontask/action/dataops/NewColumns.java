package org.ontask.action.dataops;

import java.util.List;

/**
 * Columns to add to a workflow's table (all or nothing; one that exists with the same
 * type is reused).
 *
 * @param columns the columns
 */
public record NewColumns(List<Column> columns) {

	/**
	 * One column to add.
	 *
	 * @param name its name
	 * @param type {@code integer}, {@code double}, {@code string}, {@code boolean} or
	 * {@code datetime}
	 * @param description free text
	 * @param categories the allowed values, empty for any
	 */
	public record Column(String name, String type, String description, List<Object> categories) {

	}

}
