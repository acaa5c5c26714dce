package org.ontask.action.dataops;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A view of a workflow's table as dataops describes it.
 *
 * @param id the view id
 * @param name its name
 * @param description free text
 * @param columns its columns in display order
 * @param filter its filter formula (the original's JSON), null for every learner
 * @param filterText the filter as readable text, empty for every learner
 */
public record DataView(long id, String name, String description, List<String> columns, JsonNode filter,
		String filterText) {

	/**
	 * Defaults absent parts.
	 */
	public DataView {
		columns = (columns != null) ? List.copyOf(columns) : List.of();
		filter = (filter != null && !filter.isNull() && !filter.isEmpty()) ? filter : null;
		filterText = (filterText != null) ? filterText : "";
	}

}
