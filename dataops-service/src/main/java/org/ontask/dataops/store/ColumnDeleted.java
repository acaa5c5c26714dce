package org.ontask.dataops.store;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A column was removed from a workflow's table.
 *
 * @param workflowId the workflow
 * @param columnId the removed column
 * @param name its name
 * @param actorEmail who did it
 * @param at when
 */
@Externalized("dataops.events::column.deleted")
public record ColumnDeleted(long workflowId, long columnId, String name, String actorEmail, Instant at) {

}
