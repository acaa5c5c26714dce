package org.ontask.dataops.view;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ontask.dataops.column.ColumnRenamed;
import org.ontask.dataops.selection.FormulaFilters;
import org.ontask.dataops.store.ColumnDeleted;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.dataops.store.TableStore;
import org.ontask.formula.Formula;
import org.ontask.formula.Formulas;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores views and turns one into what the table page, the download and the statistics
 * read: the ids of its columns and its filter as SQL.
 */
@Service
public class ViewService {

	private final TableStore store;

	private final JdbcTemplate jdbc;

	private final ZoneId zone;

	private final JsonMapper json = JsonMapper.shared();

	private final Clock clock = Clock.systemUTC();

	ViewService(TableStore store, JdbcTemplate jdbc, @Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.jdbc = jdbc;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * The views of a workflow, by name.
	 * @param workflowId the workflow
	 * @return the views
	 */
	@Transactional(readOnly = true)
	public List<View> views(long workflowId) {
		return this.jdbc.query("SELECT id, workflow_id, name, description, columns::text, filter::text FROM data_view"
				+ " WHERE workflow_id = ? ORDER BY lower(name)", (rs, i) -> view(rs), workflowId);
	}

	/**
	 * One view.
	 * @param workflowId the workflow
	 * @param viewId the view
	 * @return the view
	 * @throws DataRejectedException (404) when the workflow has no such view
	 */
	@Transactional(readOnly = true)
	public View view(long workflowId, long viewId) {
		return this.jdbc
			.query("SELECT id, workflow_id, name, description, columns::text, filter::text FROM data_view"
					+ " WHERE workflow_id = ? AND id = ?", (rs, i) -> view(rs), workflowId, viewId)
			.stream()
			.findFirst()
			.orElseThrow(
					() -> new DataRejectedException(HttpStatus.NOT_FOUND, "This workflow has no view " + viewId + "."));
	}

	/**
	 * Creates a view.
	 * @param workflowId the workflow
	 * @param name its name
	 * @param description free text
	 * @param columnNames its columns (at least one key column among them)
	 * @param filterJson its filter formula (null or empty for every row)
	 * @return the view
	 * @throws DataRejectedException when the name is blank or taken, a column is unknown,
	 * no key column is chosen, or the filter names a missing column or an operator its
	 * type does not allow
	 */
	@Transactional
	public View create(long workflowId, String name, String description, List<String> columnNames, String filterJson) {
		this.store.lockTable(workflowId);
		Checked checked = check(workflowId, name, columnNames, filterJson);
		Instant now = this.clock.instant();
		try {
			Long id = this.jdbc.queryForObject(
					"INSERT INTO data_view (workflow_id, name, description, columns, filter, created_at, updated_at)"
							+ " VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) RETURNING id",
					Long.class, workflowId, checked.name(), (description != null) ? description.strip() : "",
					this.json.writeValueAsString(checked.columns()), checked.filter(), Timestamp.from(now),
					Timestamp.from(now));
			return view(workflowId, id);
		}
		catch (DuplicateKeyException ex) {
			throw taken(checked.name());
		}
	}

	/**
	 * Changes a view.
	 * @param workflowId the workflow
	 * @param viewId the view
	 * @param name its name
	 * @param description free text
	 * @param columnNames its columns
	 * @param filterJson its filter formula
	 * @return the view
	 * @throws DataRejectedException as {@link #create}
	 */
	@Transactional
	public View update(long workflowId, long viewId, String name, String description, List<String> columnNames,
			String filterJson) {
		this.store.lockTable(workflowId);
		view(workflowId, viewId);
		Checked checked = check(workflowId, name, columnNames, filterJson);
		try {
			this.jdbc.update(
					"UPDATE data_view SET name = ?, description = ?, columns = ?::jsonb, filter = ?::jsonb,"
							+ " updated_at = ? WHERE id = ?",
					checked.name(), (description != null) ? description.strip() : "",
					this.json.writeValueAsString(checked.columns()), checked.filter(),
					Timestamp.from(this.clock.instant()), viewId);
		}
		catch (DuplicateKeyException ex) {
			throw taken(checked.name());
		}
		return view(workflowId, viewId);
	}

	/**
	 * Copies a view as {@code Copy of <name>}.
	 * @param workflowId the workflow
	 * @param viewId the view
	 * @return the copy
	 */
	@Transactional
	public View copy(long workflowId, long viewId) {
		View source = view(workflowId, viewId);
		String name = "Copy of " + source.name();
		for (int i = 2; nameTaken(workflowId, name); i++) {
			name = "Copy of " + source.name() + " (" + i + ")";
		}
		return create(workflowId, name, source.description(), source.columns(), source.filter());
	}

	/**
	 * Deletes a view.
	 * @param workflowId the workflow
	 * @param viewId the view
	 * @throws DataRejectedException (404) when there is no such view
	 */
	@Transactional
	public void delete(long workflowId, long viewId) {
		view(workflowId, viewId);
		this.jdbc.update("DELETE FROM data_view WHERE workflow_id = ? AND id = ?", workflowId, viewId);
	}

	/**
	 * What a view selects now: its columns' ids (columns gone since are left out) and its
	 * filter as SQL.
	 * @param view the view
	 * @return the columns and filter
	 * @throws DataRejectedException when the filter no longer fits the table (a column's
	 * type changed)
	 */
	@Transactional(readOnly = true)
	public Resolved resolve(View view) {
		List<DataColumn> columns = this.store.columns(view.workflowId());
		Map<String, DataColumn> byName = new LinkedHashMap<>();
		columns.forEach((c) -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
		List<DataColumn> chosen = new ArrayList<>();
		for (String name : view.columns()) {
			DataColumn column = byName.get(name.toLowerCase(Locale.ROOT));
			if (column != null) {
				chosen.add(column);
			}
		}
		Formula filter = FormulaFilters.parse(view.filter(), columns, this.zone,
				"The filter of the view '" + view.name() + "'");
		return new Resolved(chosen, FormulaFilters.toFilter(filter));
	}

	/**
	 * A view resolved against the current table.
	 *
	 * @param columns its columns, in display order
	 * @param filter its filter, or {@code null} for every row
	 */
	public record Resolved(List<DataColumn> columns, SqlFilter filter) {

		/**
		 * The column ids.
		 * @return the ids, in display order
		 */
		public List<Long> columnIds() {
			return this.columns.stream().map(DataColumn::id).toList();
		}

	}

	// ---------------------------------------------------------------- following the
	// table

	/** A renamed column keeps its place in views and filters (same transaction). */
	@EventListener
	void on(ColumnRenamed event) {
		for (View view : views(event.workflowId())) {
			List<String> columns = view.columns()
				.stream()
				.map((n) -> n.equalsIgnoreCase(event.oldName()) ? event.newName() : n)
				.toList();
			String filter = Formulas.renameColumn(view.filter(), event.oldName(), event.newName());
			this.jdbc.update("UPDATE data_view SET columns = ?::jsonb, filter = ?::jsonb WHERE id = ?",
					this.json.writeValueAsString(columns), filter, view.id());
		}
	}

	/**
	 * A deleted column leaves the views that show it; a view whose filter uses it, or
	 * that is left without columns, is deleted (as the original does).
	 */
	@EventListener
	void on(ColumnDeleted event) {
		for (View view : views(event.workflowId())) {
			List<String> columns = view.columns().stream().filter((n) -> !n.equalsIgnoreCase(event.name())).toList();
			if (columns.isEmpty() || Formulas.refersTo(view.filter(), event.name())) {
				this.jdbc.update("DELETE FROM data_view WHERE id = ?", view.id());
			}
			else if (columns.size() != view.columns().size()) {
				this.jdbc.update("UPDATE data_view SET columns = ?::jsonb WHERE id = ?",
						this.json.writeValueAsString(columns), view.id());
			}
		}
	}

	/**
	 * Copies the views of a workflow to its clone (which already has its copy of the
	 * table). Idempotent: views the clone already has are kept.
	 * @param sourceWorkflowId the workflow cloned
	 * @param cloneWorkflowId the clone
	 */
	@Transactional
	public void copyAll(long sourceWorkflowId, long cloneWorkflowId) {
		this.jdbc.update(
				"INSERT INTO data_view (workflow_id, name, description, columns, filter, created_at, updated_at)"
						+ " SELECT ?, name, description, columns, filter, created_at, updated_at FROM data_view"
						+ " WHERE workflow_id = ? AND EXISTS (SELECT 1 FROM data_table WHERE workflow_id = ?)"
						+ " ON CONFLICT (workflow_id, lower(name)) DO NOTHING",
				cloneWorkflowId, sourceWorkflowId, cloneWorkflowId);
	}

	// ---------------------------------------------------------------- helpers

	private Checked check(long workflowId, String name, List<String> columnNames, String filterJson) {
		String stripped = (name != null) ? name.strip() : "";
		if (stripped.isEmpty() || stripped.length() > 255) {
			throw new DataRejectedException("A view needs a name of 1 to 255 characters.");
		}
		List<DataColumn> columns = this.store.columns(workflowId);
		if (columns.isEmpty()) {
			throw new DataRejectedException("This workflow has no table yet: upload one first.");
		}
		Map<String, DataColumn> byName = new LinkedHashMap<>();
		columns.forEach((c) -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
		List<String> chosen = new ArrayList<>();
		boolean key = false;
		for (String columnName : (columnNames != null) ? columnNames : List.<String>of()) {
			DataColumn column = byName.get(String.valueOf(columnName).strip().toLowerCase(Locale.ROOT));
			if (column == null) {
				throw new DataRejectedException("The table has no column \"" + columnName + "\".");
			}
			if (!chosen.contains(column.name())) {
				chosen.add(column.name());
			}
			key |= column.key();
		}
		if (chosen.isEmpty() || !key) {
			throw new DataRejectedException("A view needs at least one key column (so each row is identified).");
		}
		Formula filter = FormulaFilters.parse(filterJson, columns, this.zone, "The filter");
		return new Checked(stripped, chosen, filter.toJson());
	}

	private boolean nameTaken(long workflowId, String name) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM data_view WHERE workflow_id = ? AND lower(name) = lower(?))",
				Boolean.class, workflowId, name));
	}

	private static DataRejectedException taken(String name) {
		return new DataRejectedException("There is already a view named '" + name + "' (ignoring case).");
	}

	private View view(java.sql.ResultSet rs) throws java.sql.SQLException {
		List<String> columns = this.json.readValue(rs.getString(5), new TypeReference<List<String>>() {
		});
		String filter = rs.getString(6);
		return new View(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), columns, filter,
				Formulas.isEmpty(filter) ? "" : Formulas.toText(filter));
	}

	private record Checked(String name, List<String> columns, String filter) {

	}

}
