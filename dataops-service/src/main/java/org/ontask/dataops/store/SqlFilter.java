package org.ontask.dataops.store;

import java.util.List;

/**
 * A condition over a workflow's physical columns as parameterised SQL, e.g.
 * {@code c_12 > ? AND c_13 IS NOT NULL} with its parameters. Only ever built from column
 * ids (by the {@code formula} module or this service's own code), never from user text.
 *
 * @param sql the boolean SQL expression over {@code c_<id>} columns
 * @param parameters the values of its {@code ?} placeholders, in order
 */
public record SqlFilter(String sql, List<Object> parameters) {

	/** No condition: every row. */
	public static final SqlFilter ALL = new SqlFilter("TRUE", List.of());

}
