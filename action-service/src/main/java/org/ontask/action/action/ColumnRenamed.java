package org.ontask.action.action;

import java.time.Instant;

/**
 * dataops-service renamed a column (this service's copy of {@code column.renamed}).
 *
 * @param workflowId the workflow
 * @param columnId the column
 * @param oldName its name before
 * @param newName its name now
 * @param actorEmail who renamed it
 * @param at when
 */
record ColumnRenamed(long workflowId, long columnId, String oldName, String newName, String actorEmail, Instant at) {

}
