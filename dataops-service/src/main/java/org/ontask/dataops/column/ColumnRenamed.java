package org.ontask.dataops.column;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A column was renamed (a metadata change: its data and id stay).
 *
 * @param workflowId the workflow
 * @param columnId the column
 * @param oldName its former name
 * @param newName its new name
 * @param actorEmail who did it
 * @param at when
 */
@Externalized("dataops.events::column.renamed")
public record ColumnRenamed(long workflowId, long columnId, String oldName, String newName, String actorEmail,
		Instant at) {

}
