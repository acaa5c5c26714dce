package org.ontask.action.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.Increment;
import org.ontask.action.dataops.NewColumns;
import org.ontask.action.preview.MessageRenderer;
import org.ontask.platform.internal.InternalCalls;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Read tracking of runs. Starting a run with tracking adds the integer column
 * {@code EmailRead_<n>} (the first free n) to the table through dataops and records it
 * with the run's email column in {@code read_tracking}; each HTML message then ends with
 * a 1x1 image whose URL carries a {@link TrackingToken} naming the run and the learner.
 * <p>
 * A fetch of the image counts once per message: the first valid hit is recorded in
 * {@code read_tracking_hit} and adds 1 to the learner's cell (through dataops, as the
 * instructor who started the run); later hits of the same message (a re-opened email, a
 * mail client or proxy fetching twice, a replayed URL) are only counted in the hit row
 * and change no cell. The column therefore says how many of the run's messages a learner
 * opened (0 or 1 per run), not how often. A forged or altered token changes nothing. If
 * dataops cannot be reached the hit is forgotten, so a later fetch can still count.
 */
@Component
@EnableConfigurationProperties(TrackingProperties.class)
public class ReadTracking {

	/** Why a run cannot track reading on this installation. */
	public static final String UNAVAILABLE = "Read tracking needs a key to sign its links: set ONTASK_SECRET_KEY "
			+ "(or ONTASK_INTERNAL_SECRET) for action-service, or start the run without tracking.";

	static final String COLUMN_PREFIX = "EmailRead_";

	private static final Logger log = LoggerFactory.getLogger(ReadTracking.class);

	private final JdbcClient jdbc;

	private final DataopsClient dataops;

	private final TrackingToken tokens;

	private final String imageUrl;

	/** run id to whether it tracks reading: fixed when the run is created. */
	private final Map<Long, Boolean> tracked = new ConcurrentHashMap<>();

	ReadTracking(JdbcClient jdbc, DataopsClient dataops, TrackingProperties properties,
			@Value("${ontask.internal.secret:}") String internalSecret) {
		this.jdbc = jdbc;
		this.dataops = dataops;
		String secret = !properties.secret().isBlank() ? properties.secret() : internalSecret;
		this.tokens = (secret != null && !secret.isBlank()) ? new TrackingToken(secret) : null;
		String base = properties.publicUrl().strip();
		this.imageUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/trck?v=";
	}

	/**
	 * Whether runs can track reading (a signing key is configured).
	 * @return true when they can
	 */
	public boolean available() {
		return this.tokens != null;
	}

	/**
	 * Makes a new run track reading: adds its counter column to the table (through
	 * dataops, as the current user) and records it. Call inside the transaction that
	 * creates the run, before it is queued.
	 * @param workflowId the workflow
	 * @param runId the new run
	 * @param keyColumn the column whose value identifies each learner (the email column)
	 * @param columns the table's current columns
	 * @return the name of the new column
	 */
	public String track(long workflowId, long runId, String keyColumn, List<DataColumn> columns) {
		if (!available()) {
			throw new IllegalStateException(UNAVAILABLE);
		}
		String column = freeName(columns);
		this.dataops.addColumns(workflowId, List.of(new NewColumns.Column(column, "integer",
				"Emails of run " + runId + " opened (read tracking)", List.of())));
		this.jdbc.sql("INSERT INTO read_tracking (run_id, column_name, key_column) VALUES (?, ?, ?)")
			.params(runId, column, keyColumn)
			.update();
		return column;
	}

	/**
	 * {@code EmailRead_<n>} with the smallest n >= 1 that no column has (ignoring case).
	 */
	static String freeName(List<DataColumn> columns) {
		Set<String> taken = columns.stream().map((c) -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		int n = 1;
		while (taken.contains((COLUMN_PREFIX + n).toLowerCase(Locale.ROOT))) {
			n++;
		}
		return COLUMN_PREFIX + n;
	}

	/**
	 * The message with the tracking image at its end when the run tracks reading,
	 * otherwise the message itself.
	 * @param runId the run
	 * @param rowId the learner's row id
	 * @param message the rendered message
	 * @return the message to send
	 */
	public MessageRenderer.Message withPixel(long runId, long rowId, MessageRenderer.Message message) {
		if (!isTracked(runId) || this.tokens == null) {
			return message;
		}
		String image = "<img src=\"" + HtmlUtils.htmlEscape(pixelUrl(runId, rowId))
				+ "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\">";
		String html = message.html();
		int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
		html = (body >= 0) ? html.substring(0, body) + image + html.substring(body) : html + image;
		return new MessageRenderer.Message(message.subject(), html);
	}

	String pixelUrl(long runId, long rowId) {
		return this.imageUrl + this.tokens.sign(runId, rowId);
	}

	private boolean isTracked(long runId) {
		Boolean known = this.tracked.get(runId);
		if (known == null) {
			known = this.jdbc.sql("SELECT count(*) FROM read_tracking WHERE run_id = ?")
				.param(runId)
				.query(Long.class)
				.single() > 0;
			if (this.tracked.size() > 10_000) {
				this.tracked.clear();
			}
			this.tracked.put(runId, known);
		}
		return known;
	}

	/**
	 * A fetch of a tracking image. Never fails: whatever the token, the caller answers
	 * with the image.
	 * @param token the {@code v} parameter, possibly absent or forged
	 * @return whether it counted (the first valid hit of a message)
	 */
	boolean hit(String token) {
		if (this.tokens == null) {
			return false;
		}
		Optional<TrackingToken.Message> message = this.tokens.verify(token);
		if (message.isEmpty()) {
			return false;
		}
		long runId = message.get().runId();
		long rowId = message.get().rowId();
		Optional<Target> target = this.jdbc
			.sql("SELECT r.workflow_id, r.actor_email, t.key_column, t.column_name, m.recipient FROM read_tracking t "
					+ "JOIN action_run r ON r.id = t.run_id JOIN action_run_message m ON m.run_id = t.run_id "
					+ "WHERE t.run_id = ? AND m.row_id = ? AND m.status IN ('SENDING', 'SENT')")
			.params(runId, rowId)
			.query((rs, n) -> new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.optional();
		if (target.isEmpty()) {
			return false;
		}
		Timestamp now = Timestamp.from(Instant.now());
		int first = this.jdbc
			.sql("INSERT INTO read_tracking_hit (run_id, row_id, first_at, last_at, hits) VALUES (?, ?, ?, ?, 1) "
					+ "ON CONFLICT (run_id, row_id) DO NOTHING")
			.params(runId, rowId, now, now)
			.update();
		if (first == 0) {
			this.jdbc.sql("UPDATE read_tracking_hit SET hits = hits + 1, last_at = ? WHERE run_id = ? AND row_id = ?")
				.params(now, runId, rowId)
				.update();
			return false;
		}
		Target to = target.get();
		try {
			InternalCalls.actingAs(to.actorEmail(), () -> this.dataops.increment(to.workflowId(),
					new Increment(to.keyColumn(), to.recipient(), to.column())));
			return true;
		}
		catch (RuntimeException ex) {
			// not counted: forget the hit so that a later fetch counts
			this.jdbc.sql("DELETE FROM read_tracking_hit WHERE run_id = ? AND row_id = ?")
				.params(runId, rowId)
				.update();
			log.warn("A read of run {} could not be counted: {}", runId, ex.getMessage());
			return false;
		}
	}

	private record Target(long workflowId, String actorEmail, String keyColumn, String column, String recipient) {
	}

}
