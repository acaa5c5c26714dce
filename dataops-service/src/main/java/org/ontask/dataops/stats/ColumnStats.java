package org.ontask.dataops.stats;

import java.util.List;

import org.ontask.dataops.store.DataColumn;

/**
 * The statistics of one column over the rows of a table or a view.
 *
 * @param column the column
 * @param numeric whether it holds numbers (then {@code summary} is set)
 * @param rows rows considered
 * @param present rows with a value
 * @param summary numbers: count, min, quartiles, mean, median, max, standard deviation
 * (formatted), in that order with their labels
 * @param values other types: the most frequent values with their counts (at most 50)
 * @param distinct other types: how many different values
 * @param mode the most frequent value, or empty
 * @param mark the marked learner's value as text, or {@code null}
 * @param chart the chart's data as JSON, read by the page's script
 */
public record ColumnStats(DataColumn column, boolean numeric, long rows, long present, List<Entry> summary,
		List<Entry> values, long distinct, String mode, String mark, String chart) {

	/**
	 * A label and a value.
	 *
	 * @param label e.g. {@code median}
	 * @param value its text
	 */
	public record Entry(String label, String value) {

	}

}
