package org.ontask.dataops.store;

import java.util.List;

/**
 * One row of a table.
 *
 * @param rowId the surrogate row id (stable while the row exists; not shown to users)
 * @param values the values, in the order of the columns they were read with, each of its
 * column type's Java class or {@code null}
 */
public record Row(long rowId, List<Object> values) {

}
