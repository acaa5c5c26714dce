package org.ontask.dataops.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.ontask.dataops.row.RowText;
import org.ontask.dataops.selection.Cells;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.PhysicalNames;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.dataops.store.TableStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Column statistics in SQL: one aggregate query per column (and one for its histogram or
 * value counts), whatever the number of rows.
 */
@Service
public class StatsService {

	/** Bars of a histogram. */
	static final int BINS = 10;

	/** Most values listed for a non-numeric column. */
	static final int TOP_VALUES = 50;

	private final TableStore store;

	private final JdbcTemplate jdbc;

	private final ZoneId zone;

	private final JsonMapper json = JsonMapper.shared();

	StatsService(TableStore store, JdbcTemplate jdbc, @Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.jdbc = jdbc;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * The statistics of columns.
	 * @param workflowId the workflow
	 * @param columns the columns
	 * @param filter the rows considered ({@code null} for all)
	 * @param markRowId a row whose values to mark, or {@code null}
	 * @return one entry per column, in order
	 */
	@Transactional(readOnly = true)
	public List<ColumnStats> stats(long workflowId, List<DataColumn> columns, SqlFilter filter, Long markRowId) {
		List<ColumnStats> stats = new ArrayList<>();
		if (!this.store.exists(workflowId)) {
			return stats;
		}
		SqlFilter where = (filter != null) ? filter : SqlFilter.ALL;
		for (DataColumn column : columns) {
			Object mark = (markRowId != null) ? markValue(workflowId, column, markRowId) : null;
			stats.add((column.type() == ColumnType.INTEGER || column.type() == ColumnType.DOUBLE)
					? numeric(workflowId, column, where, mark) : counted(workflowId, column, where, mark));
		}
		return stats;
	}

	private Object markValue(long workflowId, DataColumn column, long rowId) {
		List<Object> values = this.jdbc.query(
				"SELECT " + column.sqlName() + " FROM " + PhysicalNames.table(workflowId) + " WHERE row_id = ?",
				(rs, i) -> Cells.read(rs, 1, column.type()), rowId);
		return values.isEmpty() ? null : values.get(0);
	}

	private ColumnStats numeric(long workflowId, DataColumn column, SqlFilter where, Object mark) {
		String c = column.sqlName() + "::double precision";
		String table = PhysicalNames.table(workflowId);
		double[] s = this.jdbc.query(
				"SELECT count(*), count(" + c + "), min(" + c + ")," + " percentile_cont(0.25) WITHIN GROUP (ORDER BY "
						+ c + ")," + " percentile_cont(0.5) WITHIN GROUP (ORDER BY " + c + "),"
						+ " percentile_cont(0.75) WITHIN GROUP (ORDER BY " + c + "), avg(" + c + "), max(" + c + "),"
						+ " stddev_samp(" + c + ") FROM " + table + " WHERE " + where.sql(),
				(rs) -> {
					rs.next();
					double[] values = new double[9];
					for (int i = 0; i < values.length; i++) {
						values[i] = rs.getDouble(i + 1);
						if (rs.wasNull()) {
							values[i] = Double.NaN;
						}
					}
					return values;
				}, where.parameters().toArray());
		long rows = (long) s[0];
		long present = (long) s[1];
		List<ColumnStats.Entry> summary = List.of(new ColumnStats.Entry("count", Long.toString(present)),
				new ColumnStats.Entry("minimum", number(s[2])), new ColumnStats.Entry("first quartile", number(s[3])),
				new ColumnStats.Entry("mean", number(s[6])), new ColumnStats.Entry("median", number(s[4])),
				new ColumnStats.Entry("third quartile", number(s[5])), new ColumnStats.Entry("maximum", number(s[7])),
				new ColumnStats.Entry("standard deviation", number(s[8])));
		ObjectNode chart = this.json.createObjectNode();
		chart.put("kind", "numeric");
		chart.put("name", column.name());
		ArrayNode bins = chart.putArray("bins");
		if (present > 0) {
			double low = s[2];
			double high = s[7];
			long[] counts = new long[BINS];
			if (high > low) {
				List<Object> parameters = new ArrayList<>(List.of(low, high));
				parameters.addAll(where.parameters());
				// width_bucket puts the maximum in bucket BINS + 1: fold it into the last
				this.jdbc.query("SELECT least(width_bucket(" + c + ", ?, ?, " + BINS + "), " + BINS
						+ "), count(*) FROM " + table + " WHERE " + column.sqlName() + " IS NOT NULL AND ("
						+ where.sql() + ") GROUP BY 1", (rs) -> {
							counts[rs.getInt(1) - 1] += rs.getLong(2);
						}, parameters.toArray());
				for (int i = 0; i < BINS; i++) {
					ObjectNode bin = bins.addObject();
					bin.put("low", low + (high - low) * i / BINS);
					bin.put("high", low + (high - low) * (i + 1) / BINS);
					bin.put("count", counts[i]);
				}
			}
			else {
				ObjectNode bin = bins.addObject();
				bin.put("low", low);
				bin.put("high", high);
				bin.put("count", present);
			}
			ObjectNode box = chart.putObject("box");
			box.put("min", s[2]);
			box.put("q1", s[3]);
			box.put("median", s[4]);
			box.put("q3", s[5]);
			box.put("max", s[7]);
		}
		if (mark instanceof Number number) {
			chart.put("mark", number.doubleValue());
		}
		return new ColumnStats(column, true, rows, present, summary, List.of(), 0, "",
				(mark != null) ? RowText.of(mark, this.zone) : null, this.json.writeValueAsString(chart));
	}

	private ColumnStats counted(long workflowId, DataColumn column, SqlFilter where, Object mark) {
		String c = column.sqlName();
		String table = PhysicalNames.table(workflowId);
		long[] totals = this.jdbc.query(
				"SELECT count(*), count(" + c + "), count(DISTINCT " + c + ") FROM " + table + " WHERE " + where.sql(),
				(rs) -> {
					rs.next();
					return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
				}, where.parameters().toArray());
		List<ColumnStats.Entry> values = this.jdbc.query(
				"SELECT " + c + ", count(*) FROM " + table + " WHERE " + c + " IS NOT NULL AND (" + where.sql()
						+ ") GROUP BY " + c + " ORDER BY count(*) DESC, " + c + " LIMIT " + TOP_VALUES,
				(rs, i) -> new ColumnStats.Entry(RowText.of(Cells.read(rs, 1, column.type()), this.zone),
						Long.toString(rs.getLong(2))),
				where.parameters().toArray());
		ObjectNode chart = this.json.createObjectNode();
		chart.put("kind", "bar");
		chart.put("name", column.name());
		ArrayNode bars = chart.putArray("bars");
		for (ColumnStats.Entry value : values) {
			bars.addObject().put("label", value.label()).put("count", Long.parseLong(value.value()));
		}
		String marked = (mark != null) ? RowText.of(mark, this.zone) : null;
		if (marked != null) {
			chart.put("mark", marked);
		}
		return new ColumnStats(column, false, totals[0], totals[1], List.of(), values, totals[2],
				values.isEmpty() ? "" : values.get(0).label(), marked, this.json.writeValueAsString(chart));
	}

	/** Six significant digits, as the original's {@code %g}. */
	static String number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "";
		}
		BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
		return (Math.abs(value) >= 1e15 || (value != 0 && Math.abs(value) < 1e-4)) ? rounded.toString()
				: rounded.toPlainString();
	}

}
