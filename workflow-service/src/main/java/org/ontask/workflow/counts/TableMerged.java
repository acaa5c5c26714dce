package org.ontask.workflow.counts;

import java.time.Instant;

/**
 * Our copy of the {@code table.merged} event: only the fields the counts need (the others
 * are ignored).
 */
record TableMerged(long workflowId, long added, long dropped, int columnsAdded, Instant at) {
}
