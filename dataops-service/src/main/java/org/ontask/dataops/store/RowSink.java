package org.ontask.dataops.store;

/**
 * Receives the rows of a bulk write, one call per row, values in the order of the column
 * list given to the write, each of the column type's Java class (see {@link ColumnType})
 * or {@code null}. Rows go straight to PostgreSQL's COPY; nothing is kept in memory.
 */
@FunctionalInterface
public interface RowSink {

	/**
	 * Writes one row.
	 * @param values the values
	 * @throws DataRejectedException when a value is not of its column's type, or a key
	 * value is missing
	 */
	void row(Object[] values);

}
