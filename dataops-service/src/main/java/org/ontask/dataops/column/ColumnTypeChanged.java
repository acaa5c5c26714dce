package org.ontask.dataops.column;

import java.time.Instant;

import org.springframework.modulith.events.Externalized;

/**
 * A column's type changed and every value was converted.
 *
 * @param workflowId the workflow
 * @param columnId the column
 * @param name its name
 * @param oldType the former type (integer, double, string, boolean, datetime)
 * @param newType the new type
 * @param actorEmail who did it
 * @param at when
 */
@Externalized("dataops.events::column.type-changed")
public record ColumnTypeChanged(long workflowId, long columnId, String name, String oldType, String newType,
		String actorEmail, Instant at) {

}
