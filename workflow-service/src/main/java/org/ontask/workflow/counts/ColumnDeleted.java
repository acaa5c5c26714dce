package org.ontask.workflow.counts;

import java.time.Instant;

/**
 * Our copy of the {@code column.deleted} event: only the fields the counts need (the
 * others are ignored).
 */
record ColumnDeleted(long workflowId, long columnId, Instant at) {
}
