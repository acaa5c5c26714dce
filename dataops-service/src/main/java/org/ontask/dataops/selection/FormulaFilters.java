package org.ontask.dataops.selection;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.formula.ColumnResolver;
import org.ontask.formula.ColumnType;
import org.ontask.formula.Formula;
import org.ontask.formula.FormulaException;
import org.ontask.formula.ResolvedColumn;
import org.ontask.formula.SqlFragment;

/**
 * Parses formula JSON against a table's columns: a user's column name resolves to the
 * physical {@code c_<id>} of that column (never to the name itself), so the SQL holds
 * only id-based identifiers and bound parameters.
 */
public final class FormulaFilters {

	private FormulaFilters() {
	}

	/**
	 * What the column names of a formula stand for in one table.
	 * @param columns the table's columns
	 * @return the resolver (exact names, as the formula module expects)
	 */
	public static ColumnResolver resolver(List<DataColumn> columns) {
		Map<String, DataColumn> byName = columns.stream()
			.collect(Collectors.toMap(DataColumn::name, Function.identity(), (a, b) -> a));
		return (name) -> Optional.ofNullable(byName.get(name))
			.map((c) -> new ResolvedColumn(c.sqlName(), ColumnType.valueOf(c.type().name())));
	}

	/**
	 * Parses and checks a formula.
	 * @param json the formula JSON (null or blank for every row)
	 * @param columns the table's columns
	 * @param zone the zone of date-times written without one
	 * @param what what the formula is, for the message (e.g. {@code The filter})
	 * @return the formula
	 * @throws DataRejectedException (400) listing every problem, each naming the column,
	 * operator or value
	 */
	public static Formula parse(String json, List<DataColumn> columns, ZoneId zone, String what) {
		try {
			return Formula.parse(json, resolver(columns), zone);
		}
		catch (FormulaException ex) {
			throw new DataRejectedException(what + " cannot be used: " + String.join("; ", ex.problems()) + ".");
		}
	}

	/**
	 * A formula as the store's filter type.
	 * @param formula a parsed formula
	 * @return its SQL, or {@code null} when it selects every row
	 */
	public static SqlFilter toFilter(Formula formula) {
		if (formula == null || formula.isEmpty()) {
			return null;
		}
		SqlFragment sql = formula.toSql();
		return new SqlFilter(sql.sql(), sql.parameters());
	}

}
