package org.ontask.workflow.counts;

/**
 * Our copy of the {@code action.deleted} event: only the fields the counts need (the
 * others are ignored).
 */
record ActionDeleted(long workflowId, long actionId) {
}
