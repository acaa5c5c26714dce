package org.ontask.action.dataops;

import java.util.List;
import java.util.Optional;

import org.ontask.formula.ColumnType;

/**
 * A column of a workflow's table as dataops describes it.
 *
 * @param name the user's name of the column
 * @param type {@code integer}, {@code double}, {@code string}, {@code boolean} or
 * {@code datetime}
 * @param key whether its values identify learners
 * @param categories the allowed values, empty when any value is allowed
 */
public record DataColumn(String name, String type, boolean key, List<Object> categories) {

	/**
	 * Defaults an absent category list.
	 */
	public DataColumn {
		categories = (categories != null) ? List.copyOf(categories) : List.of();
	}

	/**
	 * The formula module's type of the column.
	 * @return the type, empty when dataops named one this service does not know
	 */
	public Optional<ColumnType> columnType() {
		return ColumnType.fromJsonName(this.type);
	}

}
