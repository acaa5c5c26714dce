package org.ontask.workflow.counts;

/**
 * Our copy of the {@code action.created} event: only the fields the counts need (the
 * others are ignored).
 */
record ActionCreated(long workflowId, long actionId) {
}
