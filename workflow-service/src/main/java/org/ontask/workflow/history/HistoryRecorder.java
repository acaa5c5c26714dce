package org.ontask.workflow.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.Message;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records every subscribed event that names a workflow ({@code workflowId}, or
 * {@code cloneWorkflowId} for the parts of a clone) as it was published, without knowing
 * its type: new kinds of events from any service appear in the history without a change
 * here. The actor and the time are taken from the usual field names. A redelivered event
 * is recorded once (same exchange, key and body); an event about a workflow that no
 * longer exists is dropped, so nothing of a deleted workflow is kept.
 */
@Component
public class HistoryRecorder {

	static final List<String> ACTOR_FIELDS = List.of("actorEmail", "actor", "ownerEmail", "fromEmail", "userEmail",
			"email");

	static final List<String> TIME_FIELDS = List.of("at", "occurredAt", "createdAt", "updatedAt", "deletedAt",
			"startedAt", "completedAt", "finishedAt");

	private final JdbcClient jdbc;

	private final String namePrefix;

	private final JsonMapper json = JsonMapper.builder().build();

	HistoryRecorder(JdbcClient jdbc, MessagingNames names) {
		this.jdbc = jdbc;
		this.namePrefix = names.exchange("");
	}

	/** Called by the listener {@link HistoryListenerConfiguration} registers. */
	@Transactional
	public void on(Message message) {
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		JsonNode payload;
		try {
			payload = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			// not JSON: not an event of ours, nothing to record
			return;
		}
		if (payload == null || !payload.isObject()) {
			return;
		}
		Long workflowId = workflowId(payload);
		if (workflowId == null) {
			return;
		}
		String exchange = message.getMessageProperties().getReceivedExchange();
		if (exchange != null && exchange.startsWith(this.namePrefix)) {
			exchange = exchange.substring(this.namePrefix.length());
		}
		String key = message.getMessageProperties().getReceivedRoutingKey();
		this.jdbc
			.sql("INSERT INTO history_entry (workflow_id, exchange, routing_key, actor_email, occurred_at, payload, "
					+ "fingerprint) SELECT ?, ?, ?, ?, ?, CAST(? AS jsonb), ? WHERE EXISTS "
					+ "(SELECT 1 FROM workflow WHERE id = ?) ON CONFLICT (fingerprint) DO NOTHING")
			.params(workflowId, String.valueOf(exchange), String.valueOf(key), actor(payload),
					Timestamp.from(time(payload)), body, fingerprint(exchange + "\n" + key + "\n" + body), workflowId)
			.update();
	}

	static Long workflowId(JsonNode payload) {
		for (String field : List.of("workflowId", "cloneWorkflowId")) {
			JsonNode id = payload.get(field);
			if (id != null && id.canConvertToLong()) {
				return id.asLong();
			}
		}
		return null;
	}

	static String actor(JsonNode payload) {
		for (String field : ACTOR_FIELDS) {
			JsonNode actor = payload.get(field);
			if (actor != null && actor.isString() && !actor.asString().isBlank()) {
				return actor.asString();
			}
		}
		return null;
	}

	static Instant time(JsonNode payload) {
		for (String field : TIME_FIELDS) {
			JsonNode at = payload.get(field);
			if (at != null && at.isString()) {
				try {
					return Instant.parse(at.asString());
				}
				catch (DateTimeParseException ex) {
					// another format: try the next field
				}
			}
			else if (at != null && at.isNumber()) {
				// Jackson's default for Instant without ISO dates: seconds with a
				// fraction
				return Instant.ofEpochMilli(Math.round(at.asDouble() * 1000));
			}
		}
		return Instant.now();
	}

	private static String fingerprint(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
