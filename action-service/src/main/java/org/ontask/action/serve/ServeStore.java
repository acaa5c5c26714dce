package org.ontask.action.serve;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of learner pages: {@code action_serve}, {@code serve_view},
 * {@code survey_question}, and the owner of an action's workflow from workflow-access's
 * {@code known_workflow}.
 */
@Repository
class ServeStore {

	private final JdbcClient jdbc;

	ServeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An action with its workflow and the workflow's owner, as workflow-service announced
	 * them.
	 */
	Optional<Served> served(long actionId) {
		return this.jdbc
			.sql("SELECT a.id AS action_id, a.workflow_id, w.owner_email FROM action a "
					+ "JOIN known_workflow w ON w.id = a.workflow_id WHERE a.id = ?")
			.param(actionId)
			.query(Served.class)
			.optional();
	}

	ServeSettings settings(long actionId) {
		return this.jdbc.sql(
				"SELECT enabled, active_from, active_to, learner_column, shuffle FROM action_serve WHERE action_id = ?")
			.param(actionId)
			.query((rs, n) -> new ServeSettings(rs.getBoolean(1), instant(rs.getTimestamp(2)),
					instant(rs.getTimestamp(3)), rs.getString(4), rs.getBoolean(5)))
			.optional()
			.orElse(ServeSettings.OFF);
	}

	void save(long actionId, ServeSettings settings) {
		this.jdbc
			.sql("INSERT INTO action_serve (action_id, enabled, active_from, active_to, learner_column, shuffle, "
					+ "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (action_id) DO UPDATE SET "
					+ "enabled = EXCLUDED.enabled, active_from = EXCLUDED.active_from, active_to = EXCLUDED.active_to, "
					+ "learner_column = EXCLUDED.learner_column, shuffle = EXCLUDED.shuffle, "
					+ "updated_at = EXCLUDED.updated_at")
			.params(actionId, settings.enabled(), timestamp(settings.activeFrom()), timestamp(settings.activeTo()),
					settings.learnerColumn(), settings.shuffle(), Timestamp.from(Instant.now()))
			.update();
	}

	void recordView(long actionId, String learnerEmail, String outcome) {
		this.jdbc.sql("INSERT INTO serve_view (action_id, learner_email, outcome, viewed_at) VALUES (?, ?, ?, ?)")
			.params(actionId, learnerEmail, outcome, Timestamp.from(Instant.now()))
			.update();
	}

	List<ServeView> views(long actionId, int limit) {
		return this.jdbc
			.sql("SELECT learner_email, outcome, viewed_at FROM serve_view WHERE action_id = ? "
					+ "ORDER BY viewed_at DESC, id DESC LIMIT ?")
			.params(actionId, limit)
			.query((rs, n) -> new ServeView(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))))
			.list();
	}

	ViewCounts viewCounts(long actionId) {
		return this.jdbc
			.sql("SELECT count(*) FILTER (WHERE outcome = 'shown'), "
					+ "count(DISTINCT learner_email) FILTER (WHERE outcome = 'shown'), "
					+ "count(*) FILTER (WHERE outcome = 'answered'), "
					+ "count(*) FILTER (WHERE outcome = 'unavailable') FROM serve_view WHERE action_id = ?")
			.param(actionId)
			.query((rs, n) -> new ViewCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	List<SurveyQuestion> questions(long actionId) {
		return this.jdbc
			.sql("SELECT id, column_name, label, condition_id, locked, position FROM survey_question "
					+ "WHERE action_id = ? ORDER BY position, id")
			.param(actionId)
			.query((rs, n) -> new SurveyQuestion(rs.getLong(1), rs.getString(2), rs.getString(3),
					(Long) rs.getObject(4), rs.getBoolean(5), rs.getInt(6)))
			.list();
	}

	void addQuestion(long actionId, String column, String label, Long conditionId, boolean locked) {
		this.jdbc
			.sql("INSERT INTO survey_question (action_id, column_name, label, condition_id, locked, position) "
					+ "VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM survey_question "
					+ "WHERE action_id = ?))")
			.params(actionId, column, label, conditionId, locked, actionId)
			.update();
	}

	int updateQuestion(long actionId, long questionId, String label, Long conditionId, boolean locked) {
		return this.jdbc
			.sql("UPDATE survey_question SET label = ?, condition_id = ?, locked = ? WHERE id = ? AND action_id = ?")
			.params(label, conditionId, locked, questionId, actionId)
			.update();
	}

	int removeQuestion(long actionId, long questionId) {
		return this.jdbc.sql("DELETE FROM survey_question WHERE id = ? AND action_id = ?")
			.params(questionId, actionId)
			.update();
	}

	/** Whether a condition belongs to the action. */
	boolean conditionOf(long actionId, long conditionId) {
		return this.jdbc.sql("SELECT count(*) FROM action_condition WHERE id = ? AND action_id = ?")
			.params(conditionId, actionId)
			.query(Long.class)
			.single() > 0;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * An action, its workflow and the workflow's owner.
	 *
	 * @param actionId the action
	 * @param workflowId its workflow
	 * @param ownerEmail the workflow's owner
	 */
	record Served(long actionId, long workflowId, String ownerEmail) {
	}

	/**
	 * How often a page was used.
	 *
	 * @param shown visits that showed the learner's page
	 * @param learners distinct learners who saw it
	 * @param answered surveys saved
	 * @param unavailable visits that found nothing
	 */
	record ViewCounts(long shown, long learners, long answered, long unavailable) {
	}

}
