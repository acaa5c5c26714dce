package org.ontask.workflow.counts;

import java.time.Instant;

/**
 * Our copy of the {@code column.added} event: only the fields the counts need (the others
 * are ignored).
 */
record ColumnAdded(long workflowId, long columnId, Instant at) {
}
