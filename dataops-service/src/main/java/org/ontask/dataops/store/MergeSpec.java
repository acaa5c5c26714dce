package org.ontask.dataops.store;

import java.util.List;

/**
 * A merge of new data into an existing table.
 *
 * <p>
 * The new data has the columns {@code incoming} (its rows are produced in that order).
 * {@code incoming.get(rightKey)} is matched against the table's key column
 * {@code leftKeyColumnId}; the names may differ and the right key column is not added.
 * Every other incoming column whose name equals an existing column's name (ignoring case)
 * updates it where the new value is not empty; it must then have that column's type
 * (convert before producing rows). The remaining incoming columns are added.
 *
 * @param how which rows are kept
 * @param leftKeyColumnId the table's key column to match on
 * @param incoming the new data's columns (the {@code key} flag of new columns is
 * honoured)
 * @param rightKey index in {@code incoming} of the key of the new data (its values must
 * be present and distinct; its type must be the left key's)
 */
public record MergeSpec(MergeHow how, long leftKeyColumnId, List<ColumnSpec> incoming, int rightKey) {

}
