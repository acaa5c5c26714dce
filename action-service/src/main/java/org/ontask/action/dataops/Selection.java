package org.ontask.action.dataops;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SelectionRequest}.
 *
 * @param total how many learners the filter selects
 * @param counts per condition, how many of those it holds for
 * @param rows the requested page of selected learners
 */
public record Selection(long total, Map<String, Long> counts, List<Row> rows) {

	/**
	 * Defaults absent parts.
	 */
	public Selection {
		counts = (counts != null) ? counts : Map.of();
		rows = (rows != null) ? rows : List.of();
	}

	/**
	 * One selected learner.
	 *
	 * @param rowId dataops' id of the row
	 * @param values column name to value
	 * @param conditions condition name to its truth for this learner
	 */
	public record Row(long rowId, Map<String, Object> values, Map<String, Boolean> conditions) {

		/**
		 * Defaults absent parts.
		 */
		public Row {
			values = (values != null) ? values : Map.of();
			conditions = (conditions != null) ? conditions : Map.of();
		}

	}

}
