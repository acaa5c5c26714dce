package org.ontask.action.action;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem a change to the table's columns left in an action, kept until the user fixes
 * the part it is about.
 *
 * @param column the column's name
 * @param part {@code filter}, {@code condition:<name>}, {@code text} or {@code subject}
 * @param message the sentence shown on the action page and by previews and runs
 */
record ColumnWarning(String column, String part, String message) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<ColumnWarning>> LIST = new TypeReference<>() {
	};

	static List<ColumnWarning> read(String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		try {
			return JSON.readValue(json, LIST);
		}
		catch (JacksonException ex) {
			// written only by this class; an unreadable value must not hide the action
			return List.of(new ColumnWarning("", "", "The action's column warnings cannot be read."));
		}
	}

	static String write(List<ColumnWarning> warnings) {
		return warnings.isEmpty() ? null : JSON.writeValueAsString(warnings);
	}

}
