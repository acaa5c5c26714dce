package org.ontask.action.action;

import java.time.Instant;

/**
 * dataops-service deleted a column (this service's copy of {@code column.deleted}).
 *
 * @param workflowId the workflow
 * @param columnId the column
 * @param name its name
 * @param actorEmail who deleted it
 * @param at when
 */
record ColumnDeleted(long workflowId, long columnId, String name, String actorEmail, Instant at) {

}
