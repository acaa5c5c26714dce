package org.ontask.dataops.row;

import java.time.Instant;
import java.util.List;

import org.springframework.modulith.events.Externalized;

/**
 * Rows of a workflow's table were added, changed or deleted one at a time (row editor,
 * survey answers); uploads and merges publish {@code table.replaced}/{@code table.merged}
 * instead.
 *
 * @param workflowId the workflow
 * @param rowIds the rows concerned
 * @param count how many rows
 * @param actorEmail who did it
 * @param at when
 */
@Externalized("dataops.events::rows.updated")
public record RowsUpdated(long workflowId, List<Long> rowIds, long count, String actorEmail, Instant at) {

}
