package org.ontask.dataops.column;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ontask.dataops.row.RowText;
import org.ontask.dataops.selection.Cells;
import org.ontask.dataops.store.ColumnNames;
import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.PhysicalNames;
import org.ontask.dataops.store.TableStore;
import org.postgresql.util.PSQLException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Column operations the store does not offer, each in one transaction that first takes
 * the table's lock ({@link TableStore#lockTable}), so it cannot interleave with an
 * upload, a merge or another operation. SQL identifiers come only from ids; values are
 * bound parameters. A refusal throws {@link DataRejectedException} with a message for
 * users and leaves the table as it was.
 */
@Service
public class ColumnService {

	/** The most allowed values a column may have. */
	public static final int MAX_CATEGORIES = 1000;

	private static final Pattern INTERVAL = Pattern.compile("^\\s*(-?\\d{1,9})\\s*-\\s*(-?\\d{1,9})\\s*$");

	private final TableStore store;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final ZoneId zone;

	private final JsonMapper json = JsonMapper.shared();

	private final Clock clock = Clock.systemUTC();

	ColumnService(TableStore store, JdbcTemplate jdbc, ApplicationEventPublisher events,
			@Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.jdbc = jdbc;
		this.events = events;
		this.zone = ZoneId.of(zone);
	}

	// ---------------------------------------------------------------- metadata

	/**
	 * Renames a column (its data and id stay; views follow the new name).
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @param newName the new name
	 * @param actorEmail who does it
	 * @return the renamed column
	 * @throws DataRejectedException when the name is invalid or taken (ignoring case)
	 */
	@Transactional
	public DataColumn rename(long workflowId, long columnId, String newName, String actorEmail) {
		List<DataColumn> columns = locked(workflowId);
		DataColumn column = find(columns, columnId);
		String name = ColumnNames.check(newName);
		if (name.equals(column.name())) {
			return column;
		}
		for (DataColumn other : columns) {
			if (other.id() != columnId && other.name().equalsIgnoreCase(name)) {
				throw new DataRejectedException("The table already has a column named '" + other.name()
						+ "'; names must differ (ignoring case).");
			}
		}
		this.jdbc.update("UPDATE data_column SET name = ? WHERE id = ?", name, columnId);
		touch(workflowId);
		this.events.publishEvent(
				new ColumnRenamed(workflowId, columnId, column.name(), name, actorEmail, this.clock.instant()));
		return this.store.column(workflowId, columnId);
	}

	/**
	 * Sets a column's description and validity window.
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @param description free text
	 * @param activeFrom start of the window or {@code null}
	 * @param activeTo end of the window or {@code null}
	 * @throws DataRejectedException when the window ends before it starts
	 */
	@Transactional
	public void describe(long workflowId, long columnId, String description, Instant activeFrom, Instant activeTo) {
		find(locked(workflowId), columnId);
		if (activeFrom != null && activeTo != null && activeTo.isBefore(activeFrom)) {
			throw new DataRejectedException("The column's validity window ends before it starts.");
		}
		this.jdbc.update("UPDATE data_column SET description = ?, active_from = ?, active_to = ? WHERE id = ?",
				(description != null) ? description.strip() : "", timestamp(activeFrom), timestamp(activeTo), columnId);
		touch(workflowId);
	}

	/**
	 * Moves a column to another display position; the others keep their order.
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @param position the new 1-based position (clamped to the table)
	 */
	@Transactional
	public void move(long workflowId, long columnId, int position) {
		List<DataColumn> columns = new ArrayList<>(locked(workflowId));
		DataColumn column = find(columns, columnId);
		columns.remove(column);
		int index = Math.max(0, Math.min(columns.size(), position - 1));
		columns.add(index, column);
		List<Object[]> positions = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			positions.add(new Object[] { i + 1, columns.get(i).id() });
		}
		this.jdbc.batchUpdate("UPDATE data_column SET position = ? WHERE id = ?", positions);
		touch(workflowId);
	}

	// ---------------------------------------------------------------- keys

	/**
	 * Marks a column as key (after checking its values are present and distinct) or
	 * unmarks it (unless it is the last key).
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @param key the new flag
	 * @throws DataRejectedException naming a repeated value or the count of empty ones,
	 * or when the last key would go
	 */
	@Transactional
	public void setKey(long workflowId, long columnId, boolean key) {
		List<DataColumn> columns = locked(workflowId);
		DataColumn column = find(columns, columnId);
		if (column.key() == key) {
			return;
		}
		String table = PhysicalNames.table(workflowId);
		String c = column.sqlName();
		String index = PhysicalNames.tableName(workflowId) + "_" + c + "_key";
		if (key) {
			Long empty = this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + c + " IS NULL",
					Long.class);
			if (empty != null && empty > 0) {
				throw new DataRejectedException(
						"'" + column.name() + "' cannot be a key: " + empty + " row(s) have no value in it.");
			}
			List<Object> repeated = this.jdbc.query(
					"SELECT " + c + ", count(*) FROM " + table + " GROUP BY " + c
							+ " HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 1",
					(rs, i) -> new Object[] { Cells.read(rs, 1, column.type()), rs.getLong(2) });
			if (!repeated.isEmpty()) {
				Object[] first = (Object[]) repeated.get(0);
				throw new DataRejectedException("'" + column.name() + "' cannot be a key: the value '"
						+ RowText.of(first[0], this.zone) + "' appears " + first[1] + " times.");
			}
			this.jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN " + c + " SET NOT NULL");
			this.jdbc.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + index + " ON " + table + " (" + c + ")");
		}
		else {
			if (columns.stream().filter(DataColumn::key).count() == 1) {
				throw new DataRejectedException(
						"'" + column.name() + "' is the table's only key column; mark another column as key first.");
			}
			this.jdbc.execute("DROP INDEX IF EXISTS " + PhysicalNames.DATA_SCHEMA + "." + index);
			this.jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN " + c + " DROP NOT NULL");
		}
		this.jdbc.update("UPDATE data_column SET is_key = ? WHERE id = ?", key, columnId);
		touch(workflowId);
	}

	// ---------------------------------------------------------------- types

	/**
	 * Changes a column's type when every value converts (the same rules as uploads read
	 * text); otherwise nothing changes and the message names the first value that does
	 * not.
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @param type the new type
	 * @param actorEmail who does it
	 * @throws DataRejectedException naming the first value that does not convert, or when
	 * the types cannot convert at all
	 */
	@Transactional
	public void changeType(long workflowId, long columnId, ColumnType type, String actorEmail) {
		List<DataColumn> columns = locked(workflowId);
		DataColumn column = find(columns, columnId);
		if (column.type() == type) {
			return;
		}
		TypeConversion conversion = TypeConversion.of(column.type(), type, column.sqlName());
		if (conversion == null) {
			throw new DataRejectedException("A column of " + column.type().label() + " values cannot become "
					+ type.label() + ": no value converts.");
		}
		List<String> categories = new ArrayList<>();
		for (String category : column.categories()) {
			try {
				Object value = type.parse(category, this.zone);
				categories.add(RowText.of(value, this.zone));
			}
			catch (IllegalArgumentException ex) {
				throw new DataRejectedException("The allowed value '" + category + "' of '" + column.name()
						+ "' does not convert to " + type.label() + "; change the allowed values first.");
			}
		}
		// naive date-times in text are read in the site's zone, as uploads read them
		this.jdbc.queryForObject("SELECT set_config('TimeZone', ?, true)", String.class, this.zone.getId());
		String table = PhysicalNames.table(workflowId);
		String c = column.sqlName();
		String bad = "FROM " + table + " WHERE " + c + " IS NOT NULL AND NOT (" + conversion.convertible() + ")";
		Long badCount = this.jdbc.queryForObject("SELECT count(*) " + bad, Long.class);
		if (badCount != null && badCount > 0) {
			String first = this.jdbc.queryForObject("SELECT " + c + "::text " + bad + " ORDER BY row_id LIMIT 1",
					String.class);
			throw new DataRejectedException("'" + column.name() + "' cannot become " + type.label() + ": " + badCount
					+ " value(s) do not convert, the first being '" + first + "'. Nothing was changed.");
		}
		try {
			this.jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN " + c + " TYPE " + type.sqlType() + " USING "
					+ conversion.using());
		}
		catch (DataAccessException ex) {
			throw refused(ex, "'" + column.name() + "' cannot become " + type.label());
		}
		this.jdbc.update("UPDATE data_column SET type = ?, categories = ?::jsonb WHERE id = ?", type.label(),
				this.json.writeValueAsString(categories), columnId);
		touch(workflowId);
		this.events.publishEvent(new ColumnTypeChanged(workflowId, columnId, column.name(), column.type().label(),
				type.label(), actorEmail, this.clock.instant()));
	}

	// ---------------------------------------------------------------- allowed values

	/**
	 * Sets the allowed values of a column (an empty list allows any value). Each must be
	 * a value of the column's type, and every value in the column must be among them.
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @param texts the allowed values as text
	 * @throws DataRejectedException naming a value of the wrong type or a value in the
	 * column that is not allowed
	 */
	@Transactional
	public void setCategories(long workflowId, long columnId, List<String> texts) {
		DataColumn column = find(locked(workflowId), columnId);
		List<Object> allowed = new ArrayList<>();
		Set<String> normalised = new LinkedHashSet<>();
		for (String text : texts) {
			if (text == null || text.isBlank()) {
				continue;
			}
			try {
				Object value = column.type().parse(text, this.zone);
				if (normalised.add(RowText.of(value, this.zone))) {
					allowed.add(value);
				}
			}
			catch (IllegalArgumentException ex) {
				throw new DataRejectedException("The allowed value " + ex.getMessage() + " for '" + column.name()
						+ "', which holds " + column.type().label() + " values.");
			}
		}
		if (normalised.size() > MAX_CATEGORIES) {
			throw new DataRejectedException("A column may have at most " + MAX_CATEGORIES + " allowed values.");
		}
		if (!allowed.isEmpty()) {
			for (Object value : distinct(workflowId, column)) {
				if (allowed.stream().noneMatch((a) -> Objects.equals(a, value))) {
					throw new DataRejectedException("The column '" + column.name() + "' holds the value '"
							+ RowText.of(value, this.zone) + "', which is not among the allowed values.");
				}
			}
		}
		storeCategories(columnId, new ArrayList<>(normalised));
		touch(workflowId);
	}

	/**
	 * Restricts a column to the values it holds now.
	 * @param workflowId the workflow
	 * @param columnId the column
	 * @return the allowed values
	 * @throws DataRejectedException when the column is empty or holds too many values
	 */
	@Transactional
	public List<String> restrict(long workflowId, long columnId) {
		DataColumn column = find(locked(workflowId), columnId);
		List<Object> values = distinct(workflowId, column);
		if (values.isEmpty()) {
			throw new DataRejectedException("'" + column.name() + "' has no values to restrict it to.");
		}
		List<String> texts = values.stream().map((v) -> RowText.of(v, this.zone)).toList();
		storeCategories(columnId, texts);
		touch(workflowId);
		return texts;
	}

	private List<Object> distinct(long workflowId, DataColumn column) {
		String c = column.sqlName();
		List<Object> values = this.jdbc.query(
				"SELECT DISTINCT " + c + " FROM " + PhysicalNames.table(workflowId) + " WHERE " + c
						+ " IS NOT NULL ORDER BY " + c + " LIMIT " + (MAX_CATEGORIES + 1),
				(rs, i) -> Cells.read(rs, 1, column.type()));
		if (values.size() > MAX_CATEGORIES) {
			throw new DataRejectedException("'" + column.name() + "' holds more than " + MAX_CATEGORIES
					+ " different values; a column may have at most " + MAX_CATEGORIES + " allowed values.");
		}
		return values;
	}

	private void storeCategories(long columnId, List<String> texts) {
		this.jdbc.update("UPDATE data_column SET categories = ?::jsonb WHERE id = ?",
				this.json.writeValueAsString(texts), columnId);
	}

	// ---------------------------------------------------------------- new columns

	/**
	 * Adds a column, every cell set to an initial value (or empty).
	 * @param workflowId the workflow
	 * @param spec name, type, key flag and description
	 * @param initial the initial value as text, or blank for empty
	 * @param categories allowed values (may be empty)
	 * @param position the 1-based position, or 0 for the end
	 * @param actorEmail who does it
	 * @return the new column
	 * @throws DataRejectedException when the name is invalid or taken, the initial value
	 * does not fit the type or the allowed values
	 */
	@Transactional
	public DataColumn add(long workflowId, ColumnSpec spec, String initial, List<String> categories, int position,
			String actorEmail) {
		this.store.lockTable(workflowId);
		Object value;
		try {
			value = spec.type().parse(initial, this.zone);
		}
		catch (IllegalArgumentException ex) {
			throw new DataRejectedException(
					"The initial value of a " + spec.type().label() + " column: " + ex.getMessage() + ".");
		}
		DataColumn column = this.store.addColumn(workflowId, spec, actorEmail);
		if (value != null) {
			this.jdbc.update("UPDATE " + PhysicalNames.table(workflowId) + " SET " + column.sqlName() + " = ?",
					jdbcValue(value));
		}
		if (categories != null && !categories.isEmpty()) {
			setCategories(workflowId, column.id(), categories);
		}
		if (position > 0) {
			move(workflowId, column.id(), position);
		}
		return this.store.column(workflowId, column.id());
	}

	/**
	 * Adds a copy of a column (values, description and allowed values) at the end, named
	 * {@code Copy of <name>}.
	 * @param workflowId the workflow
	 * @param columnId the column to copy
	 * @param actorEmail who does it
	 * @return the copy
	 */
	@Transactional
	public DataColumn copy(long workflowId, long columnId, String actorEmail) {
		List<DataColumn> columns = locked(workflowId);
		DataColumn source = find(columns, columnId);
		String name = freeName(columns, "Copy of " + source.name());
		DataColumn copy = this.store.addColumn(workflowId,
				new ColumnSpec(name, source.type(), false, source.description()), actorEmail);
		this.jdbc
			.update("UPDATE " + PhysicalNames.table(workflowId) + " SET " + copy.sqlName() + " = " + source.sqlName());
		this.jdbc.update(
				"UPDATE data_column SET categories = (SELECT categories FROM data_column WHERE id = ?),"
						+ " active_from = ?, active_to = ? WHERE id = ?",
				source.id(), timestamp(source.activeFrom()), timestamp(source.activeTo()), copy.id());
		return this.store.column(workflowId, copy.id());
	}

	/**
	 * Adds a column computed once, row by row in SQL, from other columns.
	 * @param workflowId the workflow
	 * @param name the new column's name
	 * @param operation how to combine
	 * @param operandIds the columns to combine (at least one)
	 * @param actorEmail who does it
	 * @return the new column
	 * @throws DataRejectedException when an operand has the wrong type or the name is
	 * taken
	 */
	@Transactional
	public DataColumn derive(long workflowId, String name, DerivedOperation operation, List<Long> operandIds,
			String actorEmail) {
		List<DataColumn> columns = locked(workflowId);
		if (operandIds == null || operandIds.isEmpty()) {
			throw new DataRejectedException("Choose the columns to combine.");
		}
		List<DataColumn> operands = operandIds.stream().distinct().map((id) -> find(columns, id)).toList();
		List<ColumnType> types = operands.stream().map(DataColumn::type).toList();
		operation.check(operands.stream().map(DataColumn::name).toList(), types);
		ColumnType result = operation.resultType(types);
		DataColumn column = this.store.addColumn(workflowId, new ColumnSpec(name, result, false,
				operation.label() + " of " + String.join(", ", operands.stream().map(DataColumn::name).toList())),
				actorEmail);
		try {
			this.jdbc.update("UPDATE " + PhysicalNames.table(workflowId) + " SET " + column.sqlName() + " = "
					+ operation.sql(operands.stream().map(DataColumn::sqlName).toList(), result));
		}
		catch (DataAccessException ex) {
			throw refused(ex, "The " + operation.label() + " could not be computed");
		}
		return column;
	}

	/**
	 * Adds a column of values drawn from a list (or an integer interval {@code m - n}),
	 * assigned in equal shares to the rows in random order (for A/B tests).
	 * @param workflowId the workflow
	 * @param name the new column's name
	 * @param valuesText comma-separated values, or an interval {@code m - n}
	 * @param actorEmail who does it
	 * @return the new column
	 * @throws DataRejectedException when fewer than two values are given or too many
	 */
	@Transactional
	public DataColumn random(long workflowId, String name, String valuesText, String actorEmail) {
		locked(workflowId);
		List<Object> values = new ArrayList<>();
		ColumnType type;
		Matcher interval = INTERVAL.matcher((valuesText != null) ? valuesText : "");
		if (interval.matches()) {
			long low = Long.parseLong(interval.group(1));
			long high = Long.parseLong(interval.group(2));
			if (high < low || high - low >= MAX_CATEGORIES) {
				throw new DataRejectedException(
						"An interval m - n needs m <= n and at most " + MAX_CATEGORIES + " values.");
			}
			for (long v = low; v <= high; v++) {
				values.add(v);
			}
			type = ColumnType.INTEGER;
		}
		else {
			List<String> texts = new ArrayList<>();
			for (String part : String.valueOf(valuesText).split(",")) {
				if (!part.isBlank()) {
					texts.add(part.strip());
				}
			}
			type = commonType(texts);
			for (String text : texts) {
				values.add(type.parse(text, this.zone));
			}
		}
		if (values.size() < 2 || values.size() > MAX_CATEGORIES) {
			throw new DataRejectedException(
					"Give 2 to " + MAX_CATEGORIES + " values separated by commas, or an interval such as 1 - 3.");
		}
		DataColumn column = this.store.addColumn(workflowId,
				new ColumnSpec(name, type, false, "random values: " + valuesText.strip()), actorEmail);
		StringBuilder choice = new StringBuilder("CASE r.k");
		for (int i = 0; i < values.size(); i++) {
			choice.append(" WHEN ").append(i).append(" THEN ?");
		}
		choice.append(" END");
		String table = PhysicalNames.table(workflowId);
		this.jdbc.update("UPDATE " + table + " t SET " + column.sqlName() + " = " + choice + " FROM (SELECT row_id, "
				+ "(row_number() OVER (ORDER BY random()) - 1) % " + values.size() + " AS k FROM " + table
				+ ") r WHERE t.row_id = r.row_id", values.toArray());
		return column;
	}

	private static ColumnType commonType(List<String> texts) {
		for (ColumnType type : List.of(ColumnType.INTEGER, ColumnType.DOUBLE)) {
			boolean all = !texts.isEmpty();
			for (String text : texts) {
				try {
					type.parse(text, java.time.ZoneOffset.UTC);
				}
				catch (IllegalArgumentException ex) {
					all = false;
					break;
				}
			}
			if (all) {
				return type;
			}
		}
		return ColumnType.STRING;
	}

	// ---------------------------------------------------------------- helpers

	private List<DataColumn> locked(long workflowId) {
		this.store.lockTable(workflowId);
		if (!this.store.exists(workflowId)) {
			throw new DataRejectedException("This workflow has no table yet: upload one first.");
		}
		return this.store.columns(workflowId);
	}

	private static DataColumn find(List<DataColumn> columns, long columnId) {
		return columns.stream()
			.filter((c) -> c.id() == columnId)
			.findFirst()
			.orElseThrow(() -> new DataRejectedException(org.springframework.http.HttpStatus.NOT_FOUND,
					"This table has no column " + columnId + "."));
	}

	private static String freeName(List<DataColumn> columns, String wanted) {
		Set<String> taken = new LinkedHashSet<>();
		columns.forEach((c) -> taken.add(c.name().toLowerCase(Locale.ROOT)));
		String base = (wanted.length() > ColumnNames.MAX_LENGTH - 6) ? wanted.substring(0, ColumnNames.MAX_LENGTH - 6)
				: wanted;
		String name = base;
		for (int i = 2; taken.contains(name.toLowerCase(Locale.ROOT)); i++) {
			name = base + " (" + i + ")";
		}
		return name;
	}

	private void touch(long workflowId) {
		this.jdbc.update("UPDATE data_table SET updated_at = ? WHERE workflow_id = ?",
				Timestamp.from(this.clock.instant()), workflowId);
	}

	private static Object jdbcValue(Object value) {
		return (value instanceof Instant instant)
				? java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) : value;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/** A database refusal (repeated key, value out of range) as a message for users. */
	private static DataRejectedException refused(DataAccessException ex, String what) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			String state = String.valueOf(psql.getSQLState());
			if ("23505".equals(state)) {
				return new DataRejectedException(what + ": the converted values would repeat a key value.");
			}
			if ("23502".equals(state)) {
				return new DataRejectedException(what + ": a key column would get empty values.");
			}
			if (state.startsWith("22")) {
				return new DataRejectedException(what + ": " + psql.getServerErrorMessage().getMessage() + ".");
			}
		}
		throw ex;
	}

	static Comparator<DataColumn> byPosition() {
		return Comparator.comparingInt(DataColumn::position);
	}

}
