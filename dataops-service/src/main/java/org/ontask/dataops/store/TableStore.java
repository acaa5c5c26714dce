package org.ontask.dataops.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The learner tables: column metadata in {@code dataops.data_column} and one physical
 * table per workflow, {@code dataops_data.wf_<workflowId>} with a surrogate
 * {@code row_id} primary key and one column {@code c_<columnId>} per column (see
 * {@link PhysicalNames}). This is the only class that writes SQL over the physical
 * tables; features (upload, merge, row and column operations, views, statistics) go
 * through it.
 *
 * <p>
 * Rules every method keeps:
 * <ul>
 * <li>identifiers come from numeric ids only; values are always bound parameters;</li>
 * <li>every write runs in one transaction that first takes
 * {@code pg_advisory_xact_lock(workflowId)}, so writes to one workflow are serialised and
 * a failure leaves the table exactly as it was;</li>
 * <li>key columns are {@code NOT NULL} with a unique index; a write that would break that
 * is refused with {@link DataRejectedException} naming the column;</li>
 * <li>values are typed: see {@link ColumnType} for the Java class of each type; use
 * {@link ColumnType#parse} to turn user text into a value;</li>
 * <li>events ({@link TableReplaced}, {@link TableMerged}, {@link ColumnAdded},
 * {@link ColumnDeleted}) are published in the same transaction (outbox).</li>
 * </ul>
 * A workflow with no table yet has no columns, no rows and a count of 0; writes other
 * than {@link #replace} and {@link #addColumn} refuse it.
 */
@Service
public class TableStore {

	private static final Logger log = LoggerFactory.getLogger(TableStore.class);

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final Pattern KEY_DETAIL = Pattern
		.compile("Key \\((\\w+)\\)=\\((.*)\\) (already exists|is duplicated)\\.?", Pattern.DOTALL);

	private static final int COPY_BUFFER = 1 << 16;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final ApplicationEventPublisher events;

	private final JsonMapper json = JsonMapper.shared();

	private final Clock clock;

	private final SortIndexes sortIndexes;

	TableStore(JdbcTemplate jdbc, DataSource dataSource, ApplicationEventPublisher events, SortIndexes sortIndexes) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.events = events;
		this.sortIndexes = sortIndexes;
		this.clock = Clock.systemUTC();
	}

	// ---------------------------------------------------------------- reading

	/**
	 * Whether the workflow has a table (it may have columns and no rows).
	 * @param workflowId the workflow
	 * @return whether a table exists
	 */
	@Transactional(readOnly = true)
	public boolean exists(long workflowId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM data_table WHERE workflow_id = ?)", Boolean.class, workflowId));
	}

	/**
	 * The columns of a workflow in display order (empty when it has no table).
	 * @param workflowId the workflow
	 * @return the columns, by position
	 */
	@Transactional(readOnly = true)
	public List<DataColumn> columns(long workflowId) {
		return this.jdbc.query(
				"SELECT id, workflow_id, name, description, type, is_key, position, categories::text,"
						+ " active_from, active_to FROM data_column WHERE workflow_id = ? ORDER BY position, id",
				(rs, i) -> new DataColumn(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
						ColumnType.ofLabel(rs.getString(5)), rs.getBoolean(6), rs.getInt(7),
						categories(rs.getString(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))),
				workflowId);
	}

	/**
	 * One column of a workflow.
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @return the column
	 * @throws DataRejectedException (404) when the workflow has no such column
	 */
	@Transactional(readOnly = true)
	public DataColumn column(long workflowId, long columnId) {
		return columns(workflowId).stream()
			.filter((c) -> c.id() == columnId)
			.findFirst()
			.orElseThrow(() -> new DataRejectedException(org.springframework.http.HttpStatus.NOT_FOUND,
					"This table has no column " + columnId + "."));
	}

	/**
	 * The number of rows, optionally only those matching a filter.
	 * @param workflowId the workflow
	 * @param filter a condition or {@code null}
	 * @return the count (0 without a table)
	 */
	@Transactional(readOnly = true)
	public long count(long workflowId, SqlFilter filter) {
		if (!exists(workflowId)) {
			return 0;
		}
		SqlFilter where = (filter != null) ? filter : SqlFilter.ALL;
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM " + PhysicalNames.table(workflowId) + " WHERE " + where.sql(), Long.class,
				where.parameters().toArray());
		return (count != null) ? count : 0;
	}

	/**
	 * A page of rows with all columns, sorted, searched and filtered in SQL (only the
	 * page's rows leave the database). Sorting puts empty values last.
	 * @param workflowId the workflow
	 * @param query the page, sort, search and filter
	 * @return the page (empty without a table)
	 * @throws DataRejectedException when the sort column is not in the table or the limit
	 * is out of range
	 */
	@Transactional(readOnly = true)
	public RowPage page(long workflowId, RowQuery query) {
		List<DataColumn> columns = columns(workflowId);
		if (!exists(workflowId)) {
			return new RowPage(columns, List.of(), 0);
		}
		if (query.limit() < 1 || query.limit() > 10_000 || query.offset() < 0) {
			throw new DataRejectedException("A page has 1 to 10,000 rows and starts at row 0 or later.");
		}
		List<Object> parameters = new ArrayList<>();
		String where = where(columns, query.search(), query.filter(), parameters);
		Long total = this.jdbc.queryForObject(
				"SELECT count(*) FROM " + PhysicalNames.table(workflowId) + " WHERE " + where, Long.class,
				parameters.toArray());
		String order = "row_id";
		if (query.orderBy() != null) {
			DataColumn sort = columns.stream()
				.filter((c) -> c.id() == query.orderBy())
				.findFirst()
				.orElseThrow(() -> new DataRejectedException("This table has no column " + query.orderBy() + "."));
			order = sort.sqlName() + (query.descending() ? " DESC" : " ASC") + " NULLS LAST, row_id";
			this.sortIndexes.request(workflowId, sort, (total != null) ? total : 0);
		}
		// the page's row ids first (narrow: an index-only scan with a sort index, else a
		// sort of two columns), then only those rows read whole
		String table = PhysicalNames.table(workflowId);
		String sql = "SELECT row_id" + selectList(columns) + " FROM " + table + " JOIN (SELECT row_id FROM " + table
				+ " WHERE " + where + " ORDER BY " + order + " LIMIT " + query.limit() + " OFFSET " + query.offset()
				+ ") page USING (row_id) ORDER BY " + order;
		List<Row> rows = this.jdbc.query(sql, (rs, i) -> readRow(rs, columns), parameters.toArray());
		return new RowPage(columns, rows, (total != null) ? total : 0);
	}

	/**
	 * Streams rows of chosen columns in row id order through a database cursor (a few
	 * hundred rows in memory at a time), for downloads and exports.
	 * @param workflowId the workflow
	 * @param columnIds the columns, in the order the row values should have
	 * @param filter a condition or {@code null}
	 * @param consumer called once per row
	 */
	@Transactional(readOnly = true)
	public void forEachRow(long workflowId, List<Long> columnIds, SqlFilter filter, Consumer<Row> consumer) {
		if (!exists(workflowId)) {
			return;
		}
		Map<Long, DataColumn> byId = columns(workflowId).stream().collect(Collectors.toMap(DataColumn::id, (c) -> c));
		List<DataColumn> chosen = new ArrayList<>();
		for (Long id : columnIds) {
			DataColumn column = byId.get(id);
			if (column == null) {
				throw new DataRejectedException("This table has no column " + id + ".");
			}
			chosen.add(column);
		}
		SqlFilter where = (filter != null) ? filter : SqlFilter.ALL;
		String sql = "SELECT row_id" + selectList(chosen) + " FROM " + PhysicalNames.table(workflowId) + " WHERE "
				+ where.sql() + " ORDER BY row_id";
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setFetchSize(500);
			Object[] values = where.parameters().toArray();
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			return statement;
		}, (RowCallbackHandler) (rs) -> consumer.accept(readRow(rs, chosen)));
	}

	// ---------------------------------------------------------------- bulk writes

	/**
	 * Replaces a workflow's table (or creates it): new column metadata, a new physical
	 * table filled with PostgreSQL COPY from the producer, key constraints, then the old
	 * table dropped, all in one transaction. Nothing of the old table changes if the
	 * producer or a key constraint fails.
	 * @param workflowId the workflow
	 * @param columns the new columns, in display order; at least one, names unique
	 * ignoring case
	 * @param rows produces the rows, values in the order of {@code columns}
	 * @param actorEmail who does it (for the event)
	 * @return the number of rows and the new columns
	 * @throws DataRejectedException when a name is invalid or repeated, a value is not of
	 * its column's type, or a key value is missing or repeated
	 */
	@Transactional
	public Replaced replace(long workflowId, List<ColumnSpec> columns, RowProducer rows, String actorEmail) {
		if (columns.isEmpty()) {
			throw new DataRejectedException("The new table has no columns.");
		}
		lockTable(workflowId);
		Instant now = this.clock.instant();
		checkNames(columns.stream().map(ColumnSpec::name).toList());
		boolean existed = exists(workflowId);
		// the old metadata goes first so the new names may reuse old ones; the old
		// physical table stays until the new one is complete
		this.jdbc.update("DELETE FROM data_column WHERE workflow_id = ?", workflowId);
		this.jdbc.update(
				"INSERT INTO data_table (workflow_id, created_at, updated_at) VALUES (?, ?, ?) "
						+ "ON CONFLICT (workflow_id) DO UPDATE SET updated_at = excluded.updated_at",
				workflowId, Timestamp.from(now), Timestamp.from(now));
		List<DataColumn> created = new ArrayList<>();
		for (ColumnSpec spec : columns) {
			created.add(insertColumn(workflowId, spec, created.size() + 1));
		}
		String load = PhysicalNames.DATA_SCHEMA + "." + PhysicalNames.tableName(workflowId) + "_load";
		this.jdbc.execute("DROP TABLE IF EXISTS " + load);
		this.jdbc.execute("CREATE TABLE " + load + " (row_id BIGINT GENERATED BY DEFAULT AS IDENTITY"
				+ created.stream()
					.map((c) -> ", " + c.sqlName() + " " + c.type().sqlType())
					.collect(Collectors.joining())
				+ ")");
		// where an upload's time goes (benchmark-dataops --phases): this thread's CPU
		// against the wall time tells whether the service or PostgreSQL sets the pace
		long copyStarted = System.nanoTime();
		long cpuStarted = THREADS.getCurrentThreadCpuTime();
		long count = copy(load, created, rows);
		long cpu = THREADS.getCurrentThreadCpuTime() - cpuStarted;
		long constraintsStarted = System.nanoTime();
		addConstraints(workflowId, load, created);
		if (log.isDebugEnabled()) {
			log.debug(
					"Table of workflow {} replaced: {} rows read, converted and copied in {} ms ({} ms of CPU in "
							+ "this thread), keys built in {} ms",
					workflowId, count, (constraintsStarted - copyStarted) / 1_000_000, cpu / 1_000_000,
					(System.nanoTime() - constraintsStarted) / 1_000_000);
		}
		if (existed) {
			this.jdbc.execute("DROP TABLE IF EXISTS " + PhysicalNames.table(workflowId));
		}
		this.jdbc.execute("ALTER TABLE " + load + " RENAME TO " + PhysicalNames.tableName(workflowId));
		this.events.publishEvent(new TableReplaced(workflowId, count, created.size(), actorEmail, now));
		return new Replaced(count, created);
	}

	/**
	 * What {@link #replace} made.
	 *
	 * @param rows the number of rows
	 * @param columns the new columns
	 */
	public record Replaced(long rows, List<DataColumn> columns) {

	}

	/**
	 * Merges new data into a workflow's table with set-based SQL in one transaction: the
	 * new rows are copied into a temporary staging table, new columns are added, matching
	 * rows are updated (an empty new value never erases a value), unmatched rows are
	 * added or removed as {@link MergeHow} says. Key columns must stay present and
	 * distinct and the table must keep at least one row, else the merge is refused and
	 * nothing changes.
	 * @param workflowId the workflow
	 * @param spec what to merge and how (see {@link MergeSpec})
	 * @param rows produces the new rows, values in the order of {@code spec.incoming()}
	 * @param actorEmail who does it (for the event)
	 * @param preview {@code true} to compute the outcome and roll everything back
	 * @return the outcome
	 * @throws DataRejectedException when the workflow has no table, types differ, a key
	 * would have empty or repeated values, or no row would remain
	 */
	@Transactional
	public MergeOutcome merge(long workflowId, MergeSpec spec, RowProducer rows, String actorEmail, boolean preview) {
		lockTable(workflowId);
		if (!exists(workflowId)) {
			throw new DataRejectedException("This workflow has no table to merge into yet: upload one first.");
		}
		List<DataColumn> existing = columns(workflowId);
		DataColumn leftKey = existing.stream()
			.filter((c) -> c.id() == spec.leftKeyColumnId())
			.findFirst()
			.orElseThrow(() -> new DataRejectedException("The table has no column " + spec.leftKeyColumnId() + "."));
		if (!leftKey.key()) {
			throw new DataRejectedException("The column '" + leftKey.name() + "' of the table is not a key column.");
		}
		List<ColumnSpec> incoming = spec.incoming();
		if (spec.rightKey() < 0 || spec.rightKey() >= incoming.size()) {
			throw new DataRejectedException("The new data has no key column to match on.");
		}
		checkNames(incoming.stream().map(ColumnSpec::name).toList());
		ColumnSpec rightKey = incoming.get(spec.rightKey());
		if (rightKey.type() != leftKey.type()) {
			throw new DataRejectedException(
					"The key '" + rightKey.name() + "' of the new data is " + rightKey.type().label()
							+ " but the table's key '" + leftKey.name() + "' is " + leftKey.type().label() + ".");
		}
		Map<String, DataColumn> byName = new HashMap<>();
		for (DataColumn column : existing) {
			byName.put(column.name().toLowerCase(Locale.ROOT), column);
		}
		// stage column s_<i> holds incoming column i
		List<String> updatedNames = new ArrayList<>();
		List<String> addedNames = new ArrayList<>();
		List<String> setClauses = new ArrayList<>();
		List<String> insertTargets = new ArrayList<>(List.of(leftKey.sqlName()));
		List<String> insertValues = new ArrayList<>(List.of("s.s_" + spec.rightKey()));
		List<DataColumn> newKeys = new ArrayList<>();
		int position = existing.stream().mapToInt(DataColumn::position).max().orElse(0);
		for (int i = 0; i < incoming.size(); i++) {
			if (i == spec.rightKey()) {
				continue;
			}
			ColumnSpec column = incoming.get(i);
			DataColumn target = byName.get(column.name().toLowerCase(Locale.ROOT));
			if (target != null && target.id() == leftKey.id()) {
				continue;
			}
			if (target != null) {
				if (target.type() != column.type()) {
					throw new DataRejectedException("The column '" + column.name() + "' is " + target.type().label()
							+ " in the table but " + column.type().label() + " in the new data.");
				}
				updatedNames.add(target.name());
				setClauses.add(target.sqlName() + " = COALESCE(s.s_" + i + ", t." + target.sqlName() + ")");
			}
			else {
				target = insertColumn(workflowId, column, ++position);
				this.jdbc.execute("ALTER TABLE " + PhysicalNames.table(workflowId) + " ADD COLUMN " + target.sqlName()
						+ " " + target.type().sqlType());
				addedNames.add(target.name());
				setClauses.add(target.sqlName() + " = s.s_" + i);
				if (target.key()) {
					newKeys.add(target);
				}
			}
			insertTargets.add(target.sqlName());
			insertValues.add("s.s_" + i);
		}
		String stage = "merge_stage_" + Math.abs(workflowId);
		List<DataColumn> stageColumns = new ArrayList<>();
		for (int i = 0; i < incoming.size(); i++) {
			stageColumns.add(new DataColumn(i, workflowId, incoming.get(i).name(), "", incoming.get(i).type(),
					i == spec.rightKey(), i, List.of(), null, null));
		}
		this.jdbc.execute("CREATE TEMPORARY TABLE " + stage + " ("
				+ stageColumns.stream()
					.map((c) -> "s_" + c.id() + " " + c.type().sqlType())
					.collect(Collectors.joining(", "))
				+ ") ON COMMIT DROP");
		copy(stage, stageColumns.stream().map((c) -> "s_" + c.id()).toList(), stageColumns, rows);
		try {
			this.jdbc.execute("CREATE UNIQUE INDEX ON " + stage + " (s_" + spec.rightKey() + ")");
		}
		catch (DataAccessException ex) {
			String value = duplicateValue(ex);
			throw new DataRejectedException("The key column '" + rightKey.name() + "' of the new data has the value "
					+ value + " more than once.");
		}
		this.jdbc.execute("ANALYZE " + stage);
		Long emptyKeys = this.jdbc
			.queryForObject("SELECT count(*) FROM " + stage + " WHERE s_" + spec.rightKey() + " IS NULL", Long.class);
		if (emptyKeys != null && emptyKeys > 0) {
			throw new DataRejectedException(
					"The key column '" + rightKey.name() + "' of the new data has " + emptyKeys + " empty value(s).");
		}
		String table = PhysicalNames.table(workflowId);
		String match = "t." + leftKey.sqlName() + " = s.s_" + spec.rightKey();
		Map<String, String> names = physicalNames(columns(workflowId));
		long matched;
		long added = 0;
		long dropped = 0;
		try {
			if (setClauses.isEmpty()) {
				Long count = this.jdbc.queryForObject(
						"SELECT count(*) FROM " + table + " t JOIN " + stage + " s ON " + match, Long.class);
				matched = (count != null) ? count : 0;
			}
			else {
				// t. prefixes are not allowed on SET targets
				matched = this.jdbc.update("UPDATE " + table + " t SET " + String.join(", ", setClauses) + " FROM "
						+ stage + " s WHERE " + match);
			}
			if (spec.how().addsUnmatched()) {
				added = this.jdbc.update("INSERT INTO " + table + " (" + String.join(", ", insertTargets) + ") SELECT "
						+ String.join(", ", insertValues) + " FROM " + stage + " s WHERE NOT EXISTS (SELECT 1 FROM "
						+ table + " t WHERE " + match + ")");
			}
			if (spec.how().dropsUnmatched()) {
				dropped = this.jdbc.update("DELETE FROM " + table + " t WHERE NOT EXISTS (SELECT 1 FROM " + stage
						+ " s WHERE " + match + ")");
			}
			for (DataColumn key : newKeys) {
				addKeyConstraint(workflowId, table, key);
			}
		}
		catch (DataAccessException ex) {
			throw translate(ex, names, "The merge");
		}
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
		long rowsAfter = (total != null) ? total : 0;
		if (rowsAfter == 0) {
			throw new DataRejectedException("The merge would leave the table without rows; nothing was changed.");
		}
		MergeOutcome outcome = new MergeOutcome(matched, added, dropped, List.copyOf(addedNames),
				List.copyOf(updatedNames), rowsAfter);
		if (preview) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
		}
		else {
			touch(workflowId);
			this.events.publishEvent(new TableMerged(workflowId, matched, added, dropped, addedNames.size(),
					updatedNames.size(), actorEmail, this.clock.instant()));
		}
		return outcome;
	}

	// ---------------------------------------------------------------- rows

	/**
	 * Sets some cells of one row, type-checked; other cells keep their values.
	 * @param workflowId the workflow
	 * @param rowId the row
	 * @param values new values by column id (Java class of the column's type, or
	 * {@code null} to empty a cell)
	 * @throws DataRejectedException when a column is unknown, a value has the wrong type,
	 * a key would be empty or repeated, or the row does not exist (404)
	 */
	@Transactional
	public void updateRow(long workflowId, long rowId, Map<Long, Object> values) {
		lockTable(workflowId);
		List<DataColumn> columns = existingColumns(workflowId);
		if (values.isEmpty()) {
			return;
		}
		List<String> sets = new ArrayList<>();
		List<Object> parameters = new ArrayList<>();
		for (Map.Entry<Long, Object> entry : values.entrySet()) {
			DataColumn column = typeChecked(columns, entry.getKey(), entry.getValue());
			sets.add(column.sqlName() + " = ?");
			parameters.add(jdbcValue(entry.getValue()));
		}
		parameters.add(rowId);
		int changed;
		try {
			changed = this.jdbc.update("UPDATE " + PhysicalNames.table(workflowId) + " SET " + String.join(", ", sets)
					+ " WHERE row_id = ?", parameters.toArray());
		}
		catch (DataAccessException ex) {
			throw translate(ex, physicalNames(columns), "The change");
		}
		if (changed == 0) {
			throw new DataRejectedException(org.springframework.http.HttpStatus.NOT_FOUND,
					"This table has no row " + rowId + ".");
		}
		touch(workflowId);
	}

	/**
	 * Adds 1 to an integer column (an empty cell counts as 0) in every row whose key
	 * column equals a value, in one {@code UPDATE}.
	 * @param workflowId the workflow
	 * @param columnId the integer column
	 * @param keyColumnId the column to match on
	 * @param keyValue the value to match, of the key column's type
	 * @return the ids of the rows changed (none when no row matches)
	 * @throws DataRejectedException (404) without a table; (400) when the column is not
	 * an integer column or the value is not of the key column's type
	 */
	@Transactional
	public List<Long> increment(long workflowId, long columnId, long keyColumnId, Object keyValue) {
		lockTable(workflowId);
		if (!exists(workflowId)) {
			throw new DataRejectedException(org.springframework.http.HttpStatus.NOT_FOUND,
					"This workflow has no table yet.");
		}
		List<DataColumn> columns = columns(workflowId);
		DataColumn column = typeChecked(columns, columnId, null);
		if (column.type() != ColumnType.INTEGER) {
			throw new DataRejectedException("The column '" + column.name() + "' holds " + column.type().label()
					+ " values; only an integer column can be incremented.");
		}
		DataColumn key = typeChecked(columns, keyColumnId, keyValue);
		List<Long> changed = this.jdbc.queryForList(
				"UPDATE " + PhysicalNames.table(workflowId) + " SET " + column.sqlName() + " = COALESCE("
						+ column.sqlName() + ", 0) + 1 WHERE " + key.sqlName() + " = ? RETURNING row_id",
				Long.class, jdbcValue(keyValue));
		if (!changed.isEmpty()) {
			touch(workflowId);
		}
		return changed;
	}

	/**
	 * Adds one row, type-checked.
	 * @param workflowId the workflow
	 * @param values values by column id (missing columns are empty)
	 * @return the new row's id
	 * @throws DataRejectedException as {@link #updateRow}
	 */
	@Transactional
	public long insertRow(long workflowId, Map<Long, Object> values) {
		lockTable(workflowId);
		List<DataColumn> columns = existingColumns(workflowId);
		List<String> targets = new ArrayList<>();
		List<Object> parameters = new ArrayList<>();
		for (Map.Entry<Long, Object> entry : values.entrySet()) {
			DataColumn column = typeChecked(columns, entry.getKey(), entry.getValue());
			targets.add(column.sqlName());
			parameters.add(jdbcValue(entry.getValue()));
		}
		String sql = targets.isEmpty() ? "INSERT INTO " + PhysicalNames.table(workflowId) + " DEFAULT VALUES"
				: "INSERT INTO " + PhysicalNames.table(workflowId) + " (" + String.join(", ", targets) + ") VALUES ("
						+ targets.stream().map((t) -> "?").collect(Collectors.joining(", ")) + ")";
		KeyHolder keys = new GeneratedKeyHolder();
		try {
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection.prepareStatement(sql, new String[] { "row_id" });
				for (int i = 0; i < parameters.size(); i++) {
					statement.setObject(i + 1, parameters.get(i));
				}
				return statement;
			}, keys);
		}
		catch (DataAccessException ex) {
			throw translate(ex, physicalNames(columns), "The new row");
		}
		touch(workflowId);
		return keys.getKey().longValue();
	}

	/**
	 * Deletes the rows matching a filter.
	 * @param workflowId the workflow
	 * @param filter which rows (use {@code new SqlFilter("row_id = ?", List.of(id))} for
	 * one row)
	 * @return the number of rows deleted
	 */
	@Transactional
	public long deleteRows(long workflowId, SqlFilter filter) {
		lockTable(workflowId);
		existingColumns(workflowId);
		int deleted = this.jdbc.update("DELETE FROM " + PhysicalNames.table(workflowId) + " WHERE " + filter.sql(),
				filter.parameters().toArray());
		touch(workflowId);
		return deleted;
	}

	// ---------------------------------------------------------------- columns

	/**
	 * Adds an empty column at the end (creating an empty table if the workflow has none).
	 * A key column can only be added to a table without rows.
	 * @param workflowId the workflow
	 * @param spec the column
	 * @param actorEmail who does it (for the event)
	 * @return the new column
	 * @throws DataRejectedException when the name is invalid or taken, or a key column
	 * would be empty
	 */
	@Transactional
	public DataColumn addColumn(long workflowId, ColumnSpec spec, String actorEmail) {
		lockTable(workflowId);
		Instant now = this.clock.instant();
		if (!exists(workflowId)) {
			this.jdbc.update("INSERT INTO data_table (workflow_id, created_at, updated_at) VALUES (?, ?, ?)",
					workflowId, Timestamp.from(now), Timestamp.from(now));
			this.jdbc.execute("CREATE TABLE " + PhysicalNames.table(workflowId)
					+ " (row_id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)");
		}
		List<DataColumn> columns = columns(workflowId);
		List<String> names = new ArrayList<>(columns.stream().map(DataColumn::name).toList());
		names.add(spec.name());
		checkNames(names);
		if (spec.key() && count(workflowId, null) > 0) {
			throw new DataRejectedException(
					"A new column is empty, so it cannot be a key in a table that has rows; add it, fill it, then mark it.");
		}
		DataColumn column = insertColumn(workflowId, spec,
				columns.stream().mapToInt(DataColumn::position).max().orElse(0) + 1);
		this.jdbc.execute("ALTER TABLE " + PhysicalNames.table(workflowId) + " ADD COLUMN " + column.sqlName() + " "
				+ column.type().sqlType());
		if (column.key()) {
			addKeyConstraint(workflowId, PhysicalNames.table(workflowId), column);
		}
		touch(workflowId);
		this.events.publishEvent(new ColumnAdded(workflowId, column.id(), column.name(), actorEmail, now));
		return column;
	}

	/**
	 * Removes a column and its data. The last key column cannot be removed.
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @param actorEmail who does it (for the event)
	 * @throws DataRejectedException when the column is unknown (404) or the last key
	 */
	@Transactional
	public void dropColumn(long workflowId, long columnId, String actorEmail) {
		lockTable(workflowId);
		List<DataColumn> columns = existingColumns(workflowId);
		DataColumn column = column(workflowId, columnId);
		if (column.key() && columns.stream().filter(DataColumn::key).count() == 1) {
			throw new DataRejectedException("'" + column.name()
					+ "' is the table's only key column, so it cannot be removed; mark another column as key first.");
		}
		this.jdbc
			.execute("ALTER TABLE " + PhysicalNames.table(workflowId) + " DROP COLUMN IF EXISTS " + column.sqlName());
		this.jdbc.update("DELETE FROM data_column WHERE id = ?", columnId);
		this.jdbc.update("UPDATE data_column SET position = position - 1 WHERE workflow_id = ? AND position > ?",
				workflowId, column.position());
		touch(workflowId);
		this.events
			.publishEvent(new ColumnDeleted(workflowId, columnId, column.name(), actorEmail, this.clock.instant()));
	}

	// ---------------------------------------------------------------- whole tables

	/**
	 * Copies a workflow's table and column metadata to another workflow (which gets new
	 * column ids). Does nothing when the source has no table or the target already has
	 * one (so a repeated clone command changes nothing twice).
	 * @param sourceWorkflowId the source
	 * @param targetWorkflowId the target
	 */
	@Transactional
	public void copyTable(long sourceWorkflowId, long targetWorkflowId) {
		lockTable(targetWorkflowId);
		if (!exists(sourceWorkflowId) || exists(targetWorkflowId)) {
			return;
		}
		Instant now = this.clock.instant();
		this.jdbc.update("INSERT INTO data_table (workflow_id, created_at, updated_at) VALUES (?, ?, ?)",
				targetWorkflowId, Timestamp.from(now), Timestamp.from(now));
		List<String> select = new ArrayList<>(List.of("row_id"));
		List<DataColumn> copies = new ArrayList<>();
		for (DataColumn source : columns(sourceWorkflowId)) {
			DataColumn copy = insertColumn(targetWorkflowId,
					new ColumnSpec(source.name(), source.type(), source.key(), source.description()),
					source.position());
			this.jdbc.update(
					"UPDATE data_column SET categories = (SELECT categories FROM data_column WHERE id = ?),"
							+ " active_from = ?, active_to = ? WHERE id = ?",
					source.id(), timestamp(source.activeFrom()), timestamp(source.activeTo()), copy.id());
			select.add(source.sqlName() + " AS " + copy.sqlName());
			copies.add(copy);
		}
		String target = PhysicalNames.table(targetWorkflowId);
		this.jdbc.execute("CREATE TABLE " + target + " AS SELECT " + String.join(", ", select) + " FROM "
				+ PhysicalNames.table(sourceWorkflowId));
		this.jdbc.execute("ALTER TABLE " + target + " ALTER COLUMN row_id SET NOT NULL");
		this.jdbc.execute("ALTER TABLE " + target + " ALTER COLUMN row_id ADD GENERATED BY DEFAULT AS IDENTITY");
		this.jdbc
			.queryForObject("SELECT setval(pg_get_serial_sequence(?, 'row_id'), coalesce(max(row_id), 0) + 1, false)"
					+ " FROM " + target, Long.class, target);
		addConstraints(targetWorkflowId, target, copies);
	}

	/**
	 * Drops a workflow's table and column metadata. Idempotent.
	 * @param workflowId the workflow
	 */
	@Transactional
	public void dropTable(long workflowId) {
		lockTable(workflowId);
		this.jdbc.execute("DROP TABLE IF EXISTS " + PhysicalNames.table(workflowId));
		this.jdbc.update("DELETE FROM data_table WHERE workflow_id = ?", workflowId);
	}

	/**
	 * Serialises writes to one workflow's table until the current transaction ends
	 * ({@code pg_advisory_xact_lock(workflowId)}). Every write of this class calls it;
	 * call it first in your own {@code @Transactional} method when you change a table
	 * through several calls that must not interleave with others.
	 * @param workflowId the workflow
	 */
	@Transactional
	public void lockTable(long workflowId) {
		this.jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, workflowId);
	}

	// ---------------------------------------------------------------- helpers

	private List<DataColumn> existingColumns(long workflowId) {
		if (!exists(workflowId)) {
			throw new DataRejectedException("This workflow has no table yet: upload one first.");
		}
		return columns(workflowId);
	}

	private DataColumn typeChecked(List<DataColumn> columns, long columnId, Object value) {
		DataColumn column = columns.stream()
			.filter((c) -> c.id() == columnId)
			.findFirst()
			.orElseThrow(() -> new DataRejectedException("This table has no column " + columnId + "."));
		if (!column.type().accepts(value)) {
			throw new DataRejectedException("The column '" + column.name() + "' holds " + column.type().label()
					+ " values, not '" + value + "'.");
		}
		if (column.key() && value == null) {
			throw new DataRejectedException("The key column '" + column.name() + "' needs a value.");
		}
		return column;
	}

	private void checkNames(List<String> names) {
		Map<String, String> seen = new HashMap<>();
		for (String name : names) {
			String checked = ColumnNames.check(name);
			String previous = seen.put(checked.toLowerCase(Locale.ROOT), checked);
			if (previous != null) {
				throw new DataRejectedException("Two columns are named '" + checked + "'"
						+ (previous.equals(checked) ? "" : " and '" + previous + "'")
						+ "; names must differ (ignoring case).");
			}
		}
	}

	private DataColumn insertColumn(long workflowId, ColumnSpec spec, int position) {
		String name = ColumnNames.check(spec.name());
		KeyHolder keys = new GeneratedKeyHolder();
		try {
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection
					.prepareStatement("INSERT INTO data_column (workflow_id, name, description, type, is_key, position)"
							+ " VALUES (?, ?, ?, ?, ?, ?)", new String[] { "id" });
				statement.setLong(1, workflowId);
				statement.setString(2, name);
				statement.setString(3, (spec.description() != null) ? spec.description() : "");
				statement.setString(4, spec.type().label());
				statement.setBoolean(5, spec.key());
				statement.setInt(6, position);
				return statement;
			}, keys);
		}
		catch (DataAccessException ex) {
			throw new DataRejectedException("The table already has a column named '" + name + "' (ignoring case).");
		}
		return new DataColumn(keys.getKey().longValue(), workflowId, name,
				(spec.description() != null) ? spec.description() : "", spec.type(), spec.key(), position, List.of(),
				null, null);
	}

	private void addConstraints(long workflowId, String table, List<DataColumn> columns) {
		Map<String, String> names = physicalNames(columns);
		try {
			long first = columns.get(0).id();
			this.jdbc.execute("ALTER TABLE " + table + " ADD CONSTRAINT wf_" + Math.abs(workflowId) + "_pk_" + first
					+ " PRIMARY KEY (row_id)");
			for (DataColumn column : columns) {
				if (column.key()) {
					addKeyConstraint(workflowId, table, column);
				}
			}
		}
		catch (DataAccessException ex) {
			throw translate(ex, names, "The table");
		}
	}

	private void addKeyConstraint(long workflowId, String table, DataColumn column) {
		try {
			this.jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN " + column.sqlName() + " SET NOT NULL");
			this.jdbc.execute("CREATE UNIQUE INDEX wf_" + Math.abs(workflowId) + "_" + column.sqlName() + "_key ON "
					+ table + " (" + column.sqlName() + ")");
		}
		catch (DataAccessException ex) {
			throw translate(ex, physicalNames(List.of(column)), "The table");
		}
	}

	private void touch(long workflowId) {
		this.jdbc.update("UPDATE data_table SET updated_at = ? WHERE workflow_id = ?",
				Timestamp.from(this.clock.instant()), workflowId);
	}

	private long copy(String table, List<DataColumn> columns, RowProducer rows) {
		return copy(table, columns.stream().map(DataColumn::sqlName).toList(), columns, rows);
	}

	/**
	 * COPY in text format through the transaction's own connection, so the rows are part
	 * of the transaction; values are encoded here, a buffer at a time.
	 */
	private long copy(String table, List<String> targets, List<DataColumn> columns, RowProducer rows) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		CopyIn copy = null;
		try {
			PGConnection pg = connection.unwrap(PGConnection.class);
			copy = pg.getCopyAPI()
				.copyIn("COPY " + table + " (" + String.join(", ", targets) + ") FROM STDIN (FORMAT text)");
			CopyEncoder encoder = new CopyEncoder(copy, columns, COPY_BUFFER);
			rows.produce(encoder);
			encoder.flush();
			long count = copy.endCopy();
			copy = null;
			return count;
		}
		catch (SQLException ex) {
			throw new DataRejectedException("The data could not be stored: " + serverMessage(ex));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (copy != null && copy.isActive()) {
				try {
					copy.cancelCopy();
				}
				catch (SQLException ex) {
					// the transaction rolls back anyway
				}
			}
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private static String serverMessage(SQLException ex) {
		if (ex instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage message = psql.getServerErrorMessage();
			return message.getMessage() + ((message.getWhere() != null) ? " (" + message.getWhere() + ")" : "");
		}
		return ex.getMessage();
	}

	private static Map<String, String> physicalNames(List<DataColumn> columns) {
		Map<String, String> names = new HashMap<>();
		for (DataColumn column : columns) {
			names.put(column.sqlName(), column.name());
		}
		return names;
	}

	/** Turns a constraint violation into a message naming the user's column. */
	private static DataRejectedException translate(DataAccessException ex, Map<String, String> names, String what) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage message = psql.getServerErrorMessage();
			String state = psql.getSQLState();
			if ("23505".equals(state)) {
				Matcher detail = KEY_DETAIL.matcher(String.valueOf(message.getDetail()));
				if (detail.find()) {
					return new DataRejectedException(
							what + " would give the key column '" + names.getOrDefault(detail.group(1), detail.group(1))
									+ "' the value " + detail.group(2) + " more than once; nothing was changed.");
				}
				return new DataRejectedException(what + " would repeat a value of a key column; nothing was changed.");
			}
			if ("23502".equals(state)) {
				String column = names.getOrDefault(message.getColumn(), "?");
				return new DataRejectedException(
						what + " would leave the key column '" + column + "' with empty values; nothing was changed.");
			}
			if ("23514".equals(state) || state.startsWith("22")) {
				return new DataRejectedException(what + " was refused: " + message.getMessage());
			}
		}
		throw ex;
	}

	private static String duplicateValue(DataAccessException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			Matcher detail = KEY_DETAIL.matcher(String.valueOf(psql.getServerErrorMessage().getDetail()));
			if (detail.find()) {
				return detail.group(2);
			}
		}
		throw ex;
	}

	private static String selectList(List<DataColumn> columns) {
		return columns.stream().map((c) -> ", " + c.sqlName()).collect(Collectors.joining());
	}

	private static String where(List<DataColumn> columns, String search, SqlFilter filter, List<Object> parameters) {
		List<String> parts = new ArrayList<>();
		if (filter != null) {
			parts.add("(" + filter.sql() + ")");
			parameters.addAll(filter.parameters());
		}
		if (search != null && !search.isBlank() && !columns.isEmpty()) {
			String pattern = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			List<String> any = new ArrayList<>();
			for (DataColumn column : columns) {
				any.add(column.sqlName() + "::text ILIKE ?");
				parameters.add(pattern);
			}
			parts.add("(" + String.join(" OR ", any) + ")");
		}
		return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
	}

	private static Row readRow(ResultSet rs, List<DataColumn> columns) throws SQLException {
		List<Object> values = new ArrayList<>(columns.size());
		for (int i = 0; i < columns.size(); i++) {
			values.add(readValue(rs, i + 2, columns.get(i).type()));
		}
		return new Row(rs.getLong(1), values);
	}

	private static Object readValue(ResultSet rs, int index, ColumnType type) throws SQLException {
		Object value = switch (type) {
			case INTEGER -> rs.getLong(index);
			case DOUBLE -> rs.getDouble(index);
			case STRING -> rs.getString(index);
			case BOOLEAN -> rs.getBoolean(index);
			case DATETIME -> {
				OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
				yield (time != null) ? time.toInstant() : null;
			}
		};
		return rs.wasNull() ? null : value;
	}

	private static Object jdbcValue(Object value) {
		if (value instanceof Instant instant) {
			return OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
		}
		return value;
	}

	private List<String> categories(String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		return this.json.readValue(json, new TypeReference<List<String>>() {
		});
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
