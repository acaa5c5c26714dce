package org.ontask.dataops.store;

import java.time.Instant;
import java.util.List;

/**
 * One column of a workflow's table, as stored in {@code dataops.data_column}.
 *
 * @param id the column id; the physical column is {@link #sqlName()}
 * @param workflowId the workflow
 * @param name the name users see (any characters but quotes, at most 255, unique per
 * workflow ignoring case); never put it in SQL text
 * @param description free text
 * @param type the type
 * @param key whether the column is a key (values present and distinct, enforced by a
 * {@code NOT NULL} constraint and a unique index)
 * @param position 1-based display position
 * @param categories allowed values as text (empty: any value)
 * @param activeFrom start of the column's validity window, or {@code null}
 * @param activeTo end of the validity window, or {@code null}
 */
public record DataColumn(long id, long workflowId, String name, String description, ColumnType type, boolean key,
		int position, List<String> categories, Instant activeFrom, Instant activeTo) {

	/**
	 * The physical column name, built from the id only: {@code c_<id>}. Safe to put in
	 * SQL text unquoted.
	 * @return the SQL identifier of the column
	 */
	public String sqlName() {
		return PhysicalNames.column(this.id);
	}

}
