package org.ontask.dataops.store;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A workflow's table was replaced by an upload (wizard or API).
 *
 * @param workflowId the workflow
 * @param rows rows in the new table
 * @param columns columns in the new table
 * @param actorEmail who did it
 * @param at when
 */
@Externalized("dataops.events::table.replaced")
public record TableReplaced(long workflowId, long rows, int columns, String actorEmail, Instant at) {

}
