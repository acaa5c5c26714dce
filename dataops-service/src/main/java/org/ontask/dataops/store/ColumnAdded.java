package org.ontask.dataops.store;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A column was added to a workflow's table (not sent for the columns of a replaced table,
 * which {@link TableReplaced} covers).
 *
 * @param workflowId the workflow
 * @param columnId the new column
 * @param name its name
 * @param actorEmail who did it
 * @param at when
 */
@Externalized("dataops.events::column.added")
public record ColumnAdded(long workflowId, long columnId, String name, String actorEmail, Instant at) {

}
