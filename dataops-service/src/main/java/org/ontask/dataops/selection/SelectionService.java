package org.ontask.dataops.selection;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.PhysicalNames;
import org.ontask.dataops.store.TableStore;
import org.ontask.formula.Formula;
import org.ontask.formula.SqlFragment;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Selects the rows of a table that a filter keeps, with each named condition's truth
 * value computed in the same SQL query, and the count of rows per condition (within the
 * filter). This is what action-service's previews, runs and counters use, so counts,
 * selections and {@code {% if %}} agree (one null semantics: the formula module's).
 */
@Service
public class SelectionService {

	/** The most rows one request returns. */
	public static final int MAX_LIMIT = 10_000;

	private final TableStore store;

	private final JdbcTemplate jdbc;

	private final ZoneId zone;

	SelectionService(TableStore store, JdbcTemplate jdbc, @Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.jdbc = jdbc;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * Runs a selection.
	 * @param workflowId the workflow
	 * @param filterJson the filter formula JSON, or null/empty for every row
	 * @param conditionJson named condition formulas (may be empty)
	 * @param columnNames the columns to return (exact names), or {@code null} for all
	 * @param offset rows of the selection to skip
	 * @param limit most rows to return; 0 for the counts only
	 * @return total, counts per condition and the rows
	 * @throws DataRejectedException (400) naming an unknown column, a formula problem or
	 * a bad range
	 */
	@Transactional(readOnly = true)
	public Selection select(long workflowId, String filterJson, Map<String, String> conditionJson,
			List<String> columnNames, long offset, int limit) {
		if (offset < 0 || limit < 0 || limit > MAX_LIMIT) {
			throw new DataRejectedException("offset must be 0 or more and limit between 0 and " + MAX_LIMIT + ".");
		}
		List<DataColumn> columns = this.store.columns(workflowId);
		Formula filter = FormulaFilters.parse(filterJson, columns, this.zone, "The filter");
		Map<String, SqlFragment> conditions = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : conditionJson.entrySet()) {
			Formula condition = FormulaFilters.parse(entry.getValue(), columns, this.zone,
					"The condition \"" + entry.getKey() + "\"");
			conditions.put(entry.getKey(), condition.toSql());
		}
		List<DataColumn> chosen = choose(columns, columnNames);
		if (!this.store.exists(workflowId)) {
			Map<String, Long> zero = new LinkedHashMap<>();
			conditions.keySet().forEach((name) -> zero.put(name, 0L));
			return new Selection(0, zero, List.of());
		}
		SqlFragment where = filter.toSql();
		String table = PhysicalNames.table(workflowId);

		// the total and every count in one scan
		StringBuilder counts = new StringBuilder("SELECT count(*)");
		List<Object> countParameters = new ArrayList<>();
		for (SqlFragment condition : conditions.values()) {
			counts.append(", count(*) FILTER (WHERE ").append(condition.sql()).append(')');
			countParameters.addAll(condition.parameters());
		}
		counts.append(" FROM ").append(table).append(" WHERE ").append(where.sql());
		countParameters.addAll(where.parameters());
		List<String> names = new ArrayList<>(conditions.keySet());
		Map<String, Long> countByName = new LinkedHashMap<>();
		long total = this.jdbc.query(counts.toString(), (rs) -> {
			rs.next();
			for (int i = 0; i < names.size(); i++) {
				countByName.put(names.get(i), rs.getLong(i + 2));
			}
			return rs.getLong(1);
		}, countParameters.toArray());
		if (limit == 0) {
			return new Selection(total, countByName, List.of());
		}

		StringBuilder rows = new StringBuilder("SELECT row_id");
		List<Object> rowParameters = new ArrayList<>();
		for (DataColumn column : chosen) {
			rows.append(", ").append(column.sqlName());
		}
		for (SqlFragment condition : conditions.values()) {
			// fragments are two-valued, so the CASE is exact
			rows.append(", CASE WHEN ").append(condition.sql()).append(" THEN true ELSE false END");
			rowParameters.addAll(condition.parameters());
		}
		rows.append(" FROM ")
			.append(table)
			.append(" WHERE ")
			.append(where.sql())
			.append(" ORDER BY row_id LIMIT ")
			.append(limit)
			.append(" OFFSET ")
			.append(offset);
		rowParameters.addAll(where.parameters());
		List<SelectedRow> selected = this.jdbc.query(rows.toString(), (rs, i) -> {
			Map<String, Object> values = new LinkedHashMap<>();
			int index = 2;
			for (DataColumn column : chosen) {
				values.put(column.name(), Cells.read(rs, index++, column.type()));
			}
			Map<String, Boolean> truth = new LinkedHashMap<>();
			for (String name : names) {
				truth.put(name, rs.getBoolean(index++));
			}
			return new SelectedRow(rs.getLong(1), values, truth);
		}, rowParameters.toArray());
		return new Selection(total, countByName, selected);
	}

	private static List<DataColumn> choose(List<DataColumn> columns, List<String> names) {
		if (names == null) {
			return columns;
		}
		Map<String, DataColumn> byName = new LinkedHashMap<>();
		columns.forEach((c) -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
		List<DataColumn> chosen = new ArrayList<>();
		for (String name : names) {
			DataColumn column = (name != null) ? byName.get(name.toLowerCase(Locale.ROOT)) : null;
			if (column == null) {
				throw new DataRejectedException("The table has no column \"" + name + "\".");
			}
			chosen.add(column);
		}
		return chosen;
	}

	/**
	 * The result of a selection.
	 *
	 * @param total rows the filter keeps
	 * @param counts per condition, rows of the filter where it holds
	 * @param rows the requested page of rows, in row id order
	 */
	public record Selection(long total, Map<String, Long> counts, List<SelectedRow> rows) {

	}

	/**
	 * One selected row.
	 *
	 * @param rowId the row id (for updates)
	 * @param values the requested columns' values by name
	 * @param conditions each condition's truth value on this row
	 */
	public record SelectedRow(long rowId, Map<String, Object> values, Map<String, Boolean> conditions) {

	}

}
