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
 * @param description what the column holds (a survey question's text), empty when none
 */
public record DataColumn(String name, String type, boolean key, List<Object> categories, String description) {

	/**
	 * Defaults an absent category list and description.
	 */
	public DataColumn {
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		description = (description != null) ? description : "";
	}

	/**
	 * A column without description.
	 * @param name the name
	 * @param type the type
	 * @param key whether it is a key
	 * @param categories the allowed values
	 */
	public DataColumn(String name, String type, boolean key, List<Object> categories) {
		this(name, type, key, categories, "");
	}

	/**
	 * The formula module's type of the column.
	 * @return the type, empty when dataops named one this service does not know
	 */
	public Optional<ColumnType> columnType() {
		return ColumnType.fromJsonName(this.type);
	}

}
