package org.ontask.action.preview;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rubric of a rubric action: per criterion (a column) and level (an index into the
 * column's categories), the feedback paragraph.
 */
@Component
public class RubricCells {

	private final JdbcClient jdbc;

	RubricCells(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The cells of an action.
	 * @param actionId the action
	 * @return its cells by criterion and level
	 */
	@Transactional(readOnly = true)
	public List<Cell> of(long actionId) {
		return this.jdbc
			.sql("SELECT criterion, level, description, feedback FROM rubric_cell WHERE action_id = ? "
					+ "ORDER BY criterion, level")
			.param(actionId)
			.query(Cell.class)
			.list();
	}

	/**
	 * Replaces the cells of an action.
	 * @param actionId the action
	 * @param cells the new cells
	 */
	@Transactional
	public void replace(long actionId, List<Cell> cells) {
		this.jdbc.sql("DELETE FROM rubric_cell WHERE action_id = ?").param(actionId).update();
		for (Cell cell : new ArrayList<>(cells)) {
			this.jdbc
				.sql("INSERT INTO rubric_cell (action_id, criterion, level, description, feedback) "
						+ "VALUES (?, ?, ?, ?, ?)")
				.params(actionId, cell.criterion(), cell.level(), cell.description(), cell.feedback())
				.update();
		}
	}

	/**
	 * One cell of a rubric.
	 *
	 * @param criterion the column
	 * @param level the index of the level in the column's categories
	 * @param description what the level means
	 * @param feedback the paragraph a learner at this level receives
	 */
	public record Cell(String criterion, int level, String description, String feedback) {

	}

}
