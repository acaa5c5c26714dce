package org.ontask.action.action;

import java.time.Instant;

/**
 * dataops-service changed a column's type (this service's copy of
 * {@code column.type-changed}).
 *
 * @param workflowId the workflow
 * @param columnId the column
 * @param name its name
 * @param oldType the type before ({@code integer}, {@code double}, …)
 * @param newType the type now
 * @param actorEmail who changed it
 * @param at when
 */
record ColumnTypeChanged(long workflowId, long columnId, String name, String oldType, String newType, String actorEmail,
		Instant at) {

}
