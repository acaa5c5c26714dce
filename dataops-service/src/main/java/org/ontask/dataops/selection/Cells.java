package org.ontask.dataops.selection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.ontask.dataops.store.ColumnType;

/**
 * Reads one cell of a learner table as the Java class of its column type (see
 * {@link ColumnType}), {@code null} when empty; the same mapping the store uses.
 */
public final class Cells {

	private Cells() {
	}

	/**
	 * The value of a result column.
	 * @param rs the result set, on a row
	 * @param index the 1-based column index
	 * @param type the column's type
	 * @return the typed value or {@code null}
	 * @throws SQLException when reading fails
	 */
	public static Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
		Object value = switch (type) {
			case INTEGER -> rs.getLong(index);
			case DOUBLE -> {
				double number = rs.getDouble(index);
				// NaN counts as missing everywhere (formula module's rule)
				yield Double.isNaN(number) ? null : number;
			}
			case STRING -> rs.getString(index);
			case BOOLEAN -> rs.getBoolean(index);
			case DATETIME -> {
				OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
				yield (time != null) ? time.toInstant() : null;
			}
		};
		return rs.wasNull() ? null : value;
	}

}
