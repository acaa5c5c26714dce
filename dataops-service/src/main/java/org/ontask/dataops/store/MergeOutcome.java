package org.ontask.dataops.store;

import java.util.List;

/**
 * What a merge did (or, for a preview, would do).
 *
 * @param matched rows of the table whose key is in the new data
 * @param added rows added from the new data
 * @param dropped rows of the table removed (inner and right merges)
 * @param columnsAdded names of the columns added
 * @param columnsUpdated names of the existing columns the new data updates
 * @param rows the number of rows afterwards
 */
public record MergeOutcome(long matched, long added, long dropped, List<String> columnsAdded,
		List<String> columnsUpdated, long rows) {

}
