package org.ontask.dataops.store;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * New data was merged into a workflow's table.
 *
 * @param workflowId the workflow
 * @param matched rows matched
 * @param added rows added
 * @param dropped rows dropped
 * @param columnsAdded number of columns added
 * @param columnsUpdated number of existing columns updated
 * @param actorEmail who did it
 * @param at when
 */
@Externalized("dataops.events::table.merged")
public record TableMerged(long workflowId, long matched, long added, long dropped, int columnsAdded, int columnsUpdated,
		String actorEmail, Instant at) {

}
