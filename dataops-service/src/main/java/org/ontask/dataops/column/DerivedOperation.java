package org.ontask.dataops.column;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataRejectedException;

/**
 * How a derived column combines other columns, row by row, in SQL. An empty operand makes
 * the result empty (as the original).
 */
public enum DerivedOperation {

	/** Sum of numbers. */
	SUM("sum", true),
	/** Product of numbers. */
	PROD("product", true),
	/** Mean of numbers. */
	MEAN("mean", true),
	/** Median of numbers. */
	MEDIAN("median", true),
	/** Sample standard deviation of numbers. */
	STD("standard deviation", true),
	/** Smallest number. */
	MIN("minimum", true),
	/** Largest number. */
	MAX("maximum", true),
	/** All true. */
	ALL("all true", false),
	/** Any true. */
	ANY("any true", false);

	private final String label;

	private final boolean numeric;

	DerivedOperation(String label, boolean numeric) {
		this.label = label;
		this.numeric = numeric;
	}

	/**
	 * What users read.
	 * @return e.g. {@code mean}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The operation named in a form or request.
	 * @param name e.g. {@code sum} (any case)
	 * @return the operation
	 * @throws DataRejectedException for an unknown name
	 */
	public static DerivedOperation of(String name) {
		try {
			return valueOf(String.valueOf(name).strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new DataRejectedException("Unknown operation '" + name
					+ "': use sum, prod, mean, median, std, min, max (numbers) or all, any (true/false).");
		}
	}

	/**
	 * The type of the result.
	 * @param operands the operand types
	 * @return integer for sum, product, min and max of integers, boolean for all/any,
	 * double otherwise
	 */
	ColumnType resultType(List<ColumnType> operands) {
		if (!this.numeric) {
			return ColumnType.BOOLEAN;
		}
		boolean integers = operands.stream().allMatch((t) -> t == ColumnType.INTEGER);
		return (integers && (this == SUM || this == PROD || this == MIN || this == MAX)) ? ColumnType.INTEGER
				: ColumnType.DOUBLE;
	}

	/**
	 * Checks the operand types.
	 * @param names operand names, for the message
	 * @param types operand types
	 * @throws DataRejectedException naming the first operand of the wrong type
	 */
	void check(List<String> names, List<ColumnType> types) {
		for (int i = 0; i < types.size(); i++) {
			ColumnType type = types.get(i);
			boolean fits = this.numeric ? (type == ColumnType.INTEGER || type == ColumnType.DOUBLE)
					: type == ColumnType.BOOLEAN;
			if (!fits) {
				throw new DataRejectedException(
						"The " + this.label + " needs " + (this.numeric ? "number" : "true/false") + " columns; '"
								+ names.get(i) + "' holds " + type.label() + " values.");
			}
		}
	}

	/**
	 * The SQL expression over physical column names (id-based, never user text).
	 * @param sqlNames the operands' physical names
	 * @param result the result type
	 * @return the expression, NULL when an operand is NULL
	 */
	String sql(List<String> sqlNames, ColumnType result) {
		String cast = (result == ColumnType.DOUBLE) ? "::double precision" : "";
		List<String> operands = sqlNames.stream().map((n) -> n + cast).toList();
		String values = sqlNames.stream().map((n) -> "(" + n + "::double precision)").collect(Collectors.joining(", "));
		String expression = switch (this) {
			case SUM -> String.join(" + ", operands);
			case PROD -> String.join(" * ", operands);
			case MEAN -> "(" + String.join(" + ", operands) + ") / " + operands.size();
			case MEDIAN ->
				"(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM (VALUES " + values + ") AS x(v))";
			case STD -> "(SELECT stddev_samp(v) FROM (VALUES " + values + ") AS x(v))";
			case MIN -> "LEAST(" + String.join(", ", operands) + ")";
			case MAX -> "GREATEST(" + String.join(", ", operands) + ")";
			case ALL -> String.join(" AND ", operands);
			case ANY -> String.join(" OR ", operands);
		};
		String anyNull = sqlNames.stream().map((n) -> n + " IS NULL").collect(Collectors.joining(" OR "));
		return "CASE WHEN " + anyNull + " THEN NULL ELSE " + expression + " END";
	}

}
