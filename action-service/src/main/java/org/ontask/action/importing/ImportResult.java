package org.ontask.action.importing;

import java.util.List;

/**
 * What an import created.
 *
 * @param actions the new actions
 * @param createdColumns the columns added to the table
 * @param notes what the import did not carry over
 */
public record ImportResult(List<Created> actions, List<String> createdColumns, List<String> notes) {

	/**
	 * A new action.
	 *
	 * @param id its id
	 * @param name its name
	 * @param type its type code
	 * @param questions how many questions it has
	 */
	public record Created(long id, String name, String type, int questions) {
	}

}
