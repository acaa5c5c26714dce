package org.ontask.action.preview;

import java.util.List;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rubric of a rubric action: {@code GET} and {@code PUT}
 * {@code /api/workflows/{id}/actions/{aid}/rubric} with {@code [{"criterion", "level",
 * "description", "feedback"}]}. A criterion is a column with categories; a level is an
 * index into them.
 */
@RestController
@RequestMapping("/api/workflows/{workflowId:\\d+}/actions/{actionId:\\d+}/rubric")
class RubricApiController {

	private final ActionService actions;

	private final DataopsClient dataops;

	private final RubricCells cells;

	RubricApiController(ActionService actions, DataopsClient dataops, RubricCells cells) {
		this.actions = actions;
		this.dataops = dataops;
		this.cells = cells;
	}

	@GetMapping
	List<RubricCells.Cell> get(@PathVariable long workflowId, @PathVariable long actionId, Authentication user) {
		this.actions.get(workflowId, actionId, user.getName());
		return this.cells.of(actionId);
	}

	@PutMapping
	List<RubricCells.Cell> put(@PathVariable long workflowId, @PathVariable long actionId,
			@RequestBody List<RubricCells.Cell> rubric, Authentication user) {
		ActionResponse action = this.actions.get(workflowId, actionId, user.getName());
		if (!action.type().equals("rubric_text")) {
			throw refused("Only a rubric action has a rubric.");
		}
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
		this.cells.replace(actionId, rubric.stream()
			.map((c) -> new RubricCells.Cell(c.criterion(), c.level(), (c.description() != null) ? c.description() : "",
					(c.feedback() != null) ? c.feedback() : ""))
			.toList());
		return this.cells.of(actionId);
	}

	private static ResponseStatusException refused(String message) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
	}

}
