package org.ontask.dataops.row;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.RowPage;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.dataops.store.TableStore;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes one row, type-checked against the columns (types and allowed values);
 * a refused value leaves the row as it was and names the column and the value.
 */
@Service
public class RowService {

	private final TableStore store;

	private final ApplicationEventPublisher events;

	private final ZoneId zone;

	private final Clock clock = Clock.systemUTC();

	RowService(TableStore store, ApplicationEventPublisher events, @Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.events = events;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * The zone naive date-times are read in.
	 * @return the site's zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * One row with all columns.
	 * @param workflowId the workflow
	 * @param rowId the row
	 * @return the columns and the row
	 * @throws DataRejectedException (404) when there is no such row
	 */
	@Transactional(readOnly = true)
	public RowPage row(long workflowId, long rowId) {
		RowPage page = this.store.page(workflowId,
				new RowQuery(0, 1, null, false, null, new SqlFilter("row_id = ?", List.of(rowId))));
		if (page.rows().isEmpty()) {
			throw new DataRejectedException(HttpStatus.NOT_FOUND, "This table has no row " + rowId + ".");
		}
		return page;
	}

	/**
	 * Turns form text into typed values.
	 * @param columns the table's columns
	 * @param texts text by column id (blank for empty)
	 * @return values by column id
	 * @throws DataRejectedException naming the first column whose text does not fit
	 */
	public Map<Long, Object> parse(List<DataColumn> columns, Map<Long, String> texts) {
		Map<Long, Object> values = new LinkedHashMap<>();
		for (DataColumn column : columns) {
			if (!texts.containsKey(column.id())) {
				continue;
			}
			String text = texts.get(column.id());
			Object value;
			try {
				value = column.type().parse(text, this.zone);
			}
			catch (IllegalArgumentException ex) {
				throw new DataRejectedException("The column '" + column.name() + "' holds " + column.type().label()
						+ " values: " + ex.getMessage() + ".");
			}
			values.put(column.id(), checkCategories(column, value));
		}
		return values;
	}

	/**
	 * Turns JSON values (numbers, text, true/false, null) into typed values; text is read
	 * as the upload reads it.
	 * @param columns the table's columns
	 * @param json values by column name (ignoring case)
	 * @return values by column id
	 * @throws DataRejectedException naming an unknown column or a value that does not fit
	 */
	public Map<Long, Object> fromJson(List<DataColumn> columns, Map<String, JsonNode> json) {
		Map<String, DataColumn> byName = new LinkedHashMap<>();
		columns.forEach((c) -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
		Map<Long, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : json.entrySet()) {
			DataColumn column = byName.get(entry.getKey().toLowerCase(Locale.ROOT));
			if (column == null) {
				throw new DataRejectedException("The table has no column \"" + entry.getKey() + "\".");
			}
			values.put(column.id(), checkCategories(column, jsonValue(column, entry.getValue())));
		}
		return values;
	}

	private Object jsonValue(DataColumn column, JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		String refusal = "The column '" + column.name() + "' holds " + column.type().label() + " values, not "
				+ node.toString() + ".";
		if (node.isString()) {
			try {
				return column.type().parse(node.stringValue(), this.zone);
			}
			catch (IllegalArgumentException ex) {
				throw new DataRejectedException(refusal);
			}
		}
		ColumnType type = column.type();
		if (type == ColumnType.INTEGER && node.isNumber()) {
			BigDecimal number = node.decimalValue();
			if (number.stripTrailingZeros().scale() <= 0) {
				try {
					return number.longValueExact();
				}
				catch (ArithmeticException ex) {
					throw new DataRejectedException(refusal);
				}
			}
		}
		if (type == ColumnType.DOUBLE && node.isNumber()) {
			return node.doubleValue();
		}
		if (type == ColumnType.BOOLEAN && node.isBoolean()) {
			return node.booleanValue();
		}
		if (type == ColumnType.STRING && (node.isNumber() || node.isBoolean())) {
			return node.asString();
		}
		throw new DataRejectedException(refusal);
	}

	private Object checkCategories(DataColumn column, Object value) {
		if (value == null || column.categories().isEmpty()) {
			return value;
		}
		for (String category : column.categories()) {
			try {
				if (Objects.equals(column.type().parse(category, this.zone), value)) {
					return value;
				}
			}
			catch (IllegalArgumentException ex) {
				// a category that no longer parses allows nothing
			}
		}
		throw new DataRejectedException("The column '" + column.name() + "' only allows "
				+ String.join(", ", column.categories()) + "; '" + value + "' is not one of them.");
	}

	/**
	 * Changes cells of one row.
	 * @param workflowId the workflow
	 * @param rowId the row
	 * @param values new values by column id
	 * @param actorEmail who does it
	 * @throws DataRejectedException when a value does not fit, a key would repeat or be
	 * empty, or the row does not exist (404); nothing changes then
	 */
	@Transactional
	public void update(long workflowId, long rowId, Map<Long, Object> values, String actorEmail) {
		this.store.updateRow(workflowId, rowId, values);
		this.events.publishEvent(new RowsUpdated(workflowId, List.of(rowId), 1, actorEmail, this.clock.instant()));
	}

	/**
	 * Adds a row.
	 * @param workflowId the workflow
	 * @param values values by column id
	 * @param actorEmail who does it
	 * @return the new row's id
	 * @throws DataRejectedException when a value does not fit or a key is missing or
	 * repeated; nothing changes then
	 */
	@Transactional
	public long insert(long workflowId, Map<Long, Object> values, String actorEmail) {
		long rowId = this.store.insertRow(workflowId, values);
		this.events.publishEvent(new RowsUpdated(workflowId, List.of(rowId), 1, actorEmail, this.clock.instant()));
		return rowId;
	}

	/**
	 * Deletes a row.
	 * @param workflowId the workflow
	 * @param rowId the row
	 * @param actorEmail who does it
	 * @throws DataRejectedException (404) when there is no such row
	 */
	@Transactional
	public void delete(long workflowId, long rowId, String actorEmail) {
		long deleted = this.store.deleteRows(workflowId, new SqlFilter("row_id = ?", List.of(rowId)));
		if (deleted == 0) {
			throw new DataRejectedException(HttpStatus.NOT_FOUND, "This table has no row " + rowId + ".");
		}
		this.events.publishEvent(new RowsUpdated(workflowId, List.of(rowId), 1, actorEmail, this.clock.instant()));
	}

	/**
	 * The text a form shows for a value (the inverse of {@link #parse}).
	 * @param value a typed value
	 * @return its text
	 */
	public String text(Object value) {
		return RowText.of(value, this.zone);
	}

}
