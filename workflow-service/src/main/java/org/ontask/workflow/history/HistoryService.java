package org.ontask.workflow.history;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a workflow's history, newest first, filtered by kind and date. The caller checks
 * that the user may open the workflow.
 */
@Service
public class HistoryService {

	/** The most entries one page, file or API answer holds. */
	static final int LIMIT = 5000;

	private final JdbcClient jdbc;

	private final ZoneId zone;

	private final JsonMapper json = JsonMapper.builder().build();

	HistoryService(JdbcClient jdbc, @Value("${ontask.time-zone:UTC}") String zone) {
		this.jdbc = jdbc;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * The time zone dates in filters are read in.
	 * @return the installation's time zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * A workflow's history.
	 * @param workflowId the workflow
	 * @param kind a routing key ({@code workflow.renamed}) or its first part
	 * ({@code workflow}), or null for all
	 * @param from the first day to include, or null
	 * @param to the last day to include, or null
	 * @return the entries, newest first
	 */
	@Transactional(readOnly = true)
	public List<HistoryEntry> of(long workflowId, String kind, LocalDate from, LocalDate to) {
		StringBuilder sql = new StringBuilder("SELECT id, occurred_at, actor_email, routing_key, exchange, "
				+ "CAST(payload AS text) AS payload FROM history_entry WHERE workflow_id = ?");
		List<Object> params = new ArrayList<>(List.of(workflowId));
		if (kind != null && !kind.isBlank()) {
			sql.append(" AND (routing_key = ? OR routing_key LIKE ?)");
			params.add(kind.strip());
			params.add(kind.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
		}
		if (from != null) {
			sql.append(" AND occurred_at >= ?");
			params.add(Timestamp.from(from.atStartOfDay(this.zone).toInstant()));
		}
		if (to != null) {
			sql.append(" AND occurred_at < ?");
			params.add(Timestamp.from(to.plusDays(1).atStartOfDay(this.zone).toInstant()));
		}
		sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ").append(LIMIT);
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new HistoryEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor_email"), rs.getString("routing_key"), rs.getString("exchange"),
					details(rs.getString("payload")), rs.getString("payload")))
			.list();
	}

	/**
	 * The kinds of event a workflow's history holds, for the filter.
	 * @param workflowId the workflow
	 * @return the routing keys, sorted
	 */
	@Transactional(readOnly = true)
	public List<String> kinds(long workflowId) {
		return this.jdbc
			.sql("SELECT DISTINCT routing_key FROM history_entry WHERE workflow_id = ? ORDER BY routing_key")
			.param(workflowId)
			.query(String.class)
			.list();
	}

	/**
	 * The payload's fields other than the workflow's id, one {@code name: value} each.
	 */
	String details(String payload) {
		JsonNode node = this.json.readTree(payload);
		List<String> parts = new ArrayList<>();
		Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			if (field.getKey().equals("workflowId")) {
				continue;
			}
			JsonNode value = field.getValue();
			parts.add(field.getKey() + ": " + (value.isString() ? value.asString() : value.toString()));
		}
		return String.join("; ", parts);
	}

}
