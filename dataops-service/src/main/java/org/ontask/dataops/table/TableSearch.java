package org.ontask.dataops.table;

import java.util.ArrayList;
import java.util.List;

import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.SqlFilter;

/**
 * The table page's search as SQL that avoids casting every cell to text (which dominated
 * the time of a search over a million rows): text cells contain the words (ignoring
 * case), number cells equal them when they are a number, true/false cells when they are
 * {@code true} or {@code false}. Date-times are not searched.
 */
final class TableSearch {

	private TableSearch() {
	}

	/**
	 * The search over some columns.
	 * @param columns the columns searched
	 * @param text the search text (not blank)
	 * @return the condition ({@code FALSE} when no column can match)
	 */
	static SqlFilter of(List<DataColumn> columns, String text) {
		String search = text.strip();
		String pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		List<String> any = new ArrayList<>();
		List<Object> parameters = new ArrayList<>();
		for (DataColumn column : columns) {
			Object value = null;
			try {
				value = (column.type() == ColumnType.STRING
						|| column.type() == ColumnType.DATETIME)
								? null
								: (column.type() == ColumnType.BOOLEAN && !search.equalsIgnoreCase("true")
										&& !search.equalsIgnoreCase("false")) ? null
												: column.type().parse(search, null);
			}
			catch (IllegalArgumentException ex) {
				// not a value of this column's type: the column cannot match
			}
			if (column.type() == ColumnType.STRING) {
				any.add(column.sqlName() + " ILIKE ?");
				parameters.add(pattern);
			}
			else if (value != null) {
				any.add(column.sqlName() + " = ?");
				parameters.add(value);
			}
		}
		return any.isEmpty() ? new SqlFilter("FALSE", List.of())
				: new SqlFilter("(" + String.join(" OR ", any) + ")", parameters);
	}

	/**
	 * Both conditions.
	 * @param first a condition or {@code null}
	 * @param second a condition or {@code null}
	 * @return their conjunction, or the one that is set
	 */
	static SqlFilter and(SqlFilter first, SqlFilter second) {
		if (first == null) {
			return second;
		}
		if (second == null) {
			return first;
		}
		List<Object> parameters = new ArrayList<>(first.parameters());
		parameters.addAll(second.parameters());
		return new SqlFilter("(" + first.sql() + ") AND (" + second.sql() + ")", parameters);
	}

}
