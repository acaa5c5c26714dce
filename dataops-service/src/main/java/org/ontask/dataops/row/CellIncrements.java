package org.ontask.dataops.row;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.TableStore;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counters in the table (e.g. how many times a learner read an email): adds 1 to an
 * integer column in the rows of one learner, found by the value of a key column, and
 * publishes {@code rows.updated} in the same transaction.
 */
@Service
public class CellIncrements {

	private final TableStore store;

	private final ApplicationEventPublisher events;

	private final ZoneId zone;

	private final Clock clock = Clock.systemUTC();

	CellIncrements(TableStore store, ApplicationEventPublisher events, @Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.events = events;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * Adds 1 to {@code column} where {@code keyColumn} equals {@code keyValue}.
	 * @param workflowId the workflow
	 * @param keyColumn the name of the column to match on (ignoring case)
	 * @param keyValue the value to match (text or a JSON number/boolean)
	 * @param column the name of the integer column
	 * @param actorEmail who does it
	 * @return the number of rows changed
	 * @throws DataRejectedException naming what is wrong; nothing changes then
	 */
	@Transactional
	public long increment(long workflowId, String keyColumn, JsonNode keyValue, String column, String actorEmail) {
		if (keyColumn == null || keyColumn.isBlank() || column == null || column.isBlank()) {
			throw new DataRejectedException(
					"Give {\"keyColumn\": \"<column>\", \"keyValue\": <value>, \"column\": \"<integer column>\"}.");
		}
		if (keyValue == null || keyValue.isNull() || keyValue.isMissingNode() || keyValue.isObject()
				|| keyValue.isArray()) {
			throw new DataRejectedException("keyValue must be a value of the column '" + keyColumn + "'.");
		}
		List<DataColumn> columns = this.store.columns(workflowId);
		if (columns.isEmpty()) {
			throw new DataRejectedException(org.springframework.http.HttpStatus.NOT_FOUND,
					"This workflow has no table yet.");
		}
		DataColumn key = named(columns, keyColumn);
		DataColumn target = named(columns, column);
		String text = keyValue.isString() ? keyValue.stringValue() : keyValue.toString();
		Object value;
		try {
			value = key.type().parse(text, this.zone);
		}
		catch (IllegalArgumentException ex) {
			throw new DataRejectedException(
					"The column '" + key.name() + "' holds " + key.type().label() + " values, not " + keyValue + ".");
		}
		if (value == null) {
			throw new DataRejectedException("keyValue must not be empty.");
		}
		List<Long> rows = this.store.increment(workflowId, target.id(), key.id(), value);
		if (!rows.isEmpty()) {
			this.events.publishEvent(new RowsUpdated(workflowId, rows, rows.size(), actorEmail, this.clock.instant()));
		}
		return rows.size();
	}

	private static DataColumn named(List<DataColumn> columns, String name) {
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		return columns.stream()
			.filter((c) -> c.name().toLowerCase(Locale.ROOT).equals(wanted))
			.findFirst()
			.orElseThrow(() -> new DataRejectedException("The table has no column \"" + name + "\"."));
	}

}
