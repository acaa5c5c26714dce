package org.ontask.workflow.counts;

import java.time.Instant;

/**
 * Our copy of the {@code table.replaced} event: only the fields the counts need (the
 * others are ignored).
 */
record TableReplaced(long workflowId, long rows, int columns, Instant at) {
}
