package org.ontask.action.rubric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.preview.RubricCells;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads and saves the rubric of a rubric action for its editor page, with the checks of
 * the rubric API: every criterion is a column with categories and every level one of
 * them.
 */
@Service
class RubricEditor {

	private final ActionService actions;

	private final DataopsClient dataops;

	private final RubricCells cells;

	RubricEditor(ActionService actions, DataopsClient dataops, RubricCells cells) {
		this.actions = actions;
		this.dataops = dataops;
		this.cells = cells;
	}

	/**
	 * The rubric as a grid, its criteria in the order they were first given.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @param extra a criterion to add (empty cells), or null
	 * @return the grid and the columns that could still be criteria
	 */
	Grid grid(long workflowId, long actionId, String email, String extra) {
		ActionResponse action = rubricAction(workflowId, actionId, email);
		List<DataColumn> columns = this.dataops.columns(workflowId);
		Map<String, List<RubricCells.Cell>> byCriterion = new LinkedHashMap<>();
		for (RubricCells.Cell cell : this.cells.of(actionId)) {
			byCriterion.computeIfAbsent(cell.criterion(), (k) -> new ArrayList<>()).add(cell);
		}
		if (extra != null && !extra.isBlank()) {
			byCriterion.putIfAbsent(extra, new ArrayList<>());
		}
		List<Criterion> criteria = new ArrayList<>();
		for (Map.Entry<String, List<RubricCells.Cell>> entry : byCriterion.entrySet()) {
			DataColumn column = columns.stream()
				.filter((c) -> c.name().equals(entry.getKey()))
				.findFirst()
				.orElse(null);
			List<Object> categories = (column != null) ? column.categories() : List.of();
			List<Level> levels = new ArrayList<>();
			for (int i = 0; i < categories.size(); i++) {
				int index = i;
				RubricCells.Cell cell = entry.getValue()
					.stream()
					.filter((c) -> c.level() == index)
					.findFirst()
					.orElse(new RubricCells.Cell(entry.getKey(), i, "", ""));
				levels.add(new Level(i, String.valueOf(categories.get(i)), cell.description(), cell.feedback()));
			}
			criteria.add(new Criterion(entry.getKey(), column != null && !categories.isEmpty(), levels));
		}
		List<String> offered = columns.stream()
			.filter((c) -> !c.categories().isEmpty() && !byCriterion.containsKey(c.name()))
			.map(DataColumn::name)
			.toList();
		return new Grid(action, criteria, offered);
	}

	/**
	 * Replaces the rubric.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @param rubric every cell
	 * @throws ResponseStatusException (400) naming a criterion or level that does not fit
	 * the table; nothing is changed then
	 */
	void save(long workflowId, long actionId, String email, List<RubricCells.Cell> rubric) {
		rubricAction(workflowId, actionId, email);
		List<DataColumn> columns = this.dataops.columns(workflowId);
		for (RubricCells.Cell cell : rubric) {
			DataColumn column = columns.stream()
				.filter((c) -> c.name().equals(cell.criterion()))
				.findFirst()
				.orElseThrow(() -> refused("There is no column \"" + cell.criterion() + "\" in the table."));
			if (column.categories().isEmpty()) {
				throw refused("Column \"" + cell.criterion() + "\" has no categories, so it cannot be a criterion.");
			}
			if (cell.level() < 0 || cell.level() >= column.categories().size()) {
				throw refused("Column \"" + cell.criterion() + "\" has levels 0 to " + (column.categories().size() - 1)
						+ "; there is no level " + cell.level() + ".");
			}
		}
		this.cells.replace(actionId, rubric);
	}

	private ActionResponse rubricAction(long workflowId, long actionId, String email) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		if (!action.type().equals("rubric_text")) {
			throw refused("Only a rubric action has a rubric.");
		}
		return action;
	}

	static ResponseStatusException refused(String message) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
	}

	/**
	 * A rubric as the page shows it.
	 *
	 * @param action the action
	 * @param criteria its criteria
	 * @param offered columns with categories not yet criteria
	 */
	record Grid(ActionResponse action, List<Criterion> criteria, List<String> offered) {

	}

	/**
	 * One criterion.
	 *
	 * @param name the column
	 * @param valid whether the column still exists with categories
	 * @param levels its levels, one per category
	 */
	record Criterion(String name, boolean valid, List<Level> levels) {

	}

	/**
	 * One cell.
	 *
	 * @param index the level's index in the categories
	 * @param category the category
	 * @param description what the level means
	 * @param feedback the paragraph for learners at this level
	 */
	record Level(int index, String category, String description, String feedback) {

	}

}
