package org.ontask.action.preview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.Selection;
import org.ontask.action.template.JsonText;
import org.ontask.action.template.TemplateException;

import org.springframework.stereotype.Service;

/**
 * Shows an action's message for learner N of those its filter selects (numbered from 1
 * and wrapping around, as in the original), with the same {@link MessageRenderer} runs
 * use. The learner's row, values and condition truths come from dataops in one call.
 */
@Service
public class PreviewService {

	/** How many rows one look-up for the next all-false learner reads. */
	static final int SCAN_PAGE = 500;

	private final ActionService actions;

	private final DataopsClient dataops;

	private final MessageRenderer renderer;

	PreviewService(ActionService actions, DataopsClient dataops, MessageRenderer renderer) {
		this.actions = actions;
		this.dataops = dataops;
		this.renderer = renderer;
	}

	/**
	 * The message of one learner.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @param row the position, from 1; out-of-range positions wrap around
	 * @return the preview
	 */
	public PreviewResponse preview(long workflowId, long actionId, String email, int row) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		if (!action.warnings().isEmpty()) {
			// its formulas may name a column dataops no longer has: nothing is asked of
			// it
			return new PreviewResponse(Math.max(1, row), 0, null, "", "", Map.of(), Map.of(),
					"The message cannot be produced: " + String.join(" ", action.warnings()));
		}
		List<DataColumn> columns = this.dataops.columns(workflowId);
		MessageRenderer.Prepared prepared;
		try {
			prepared = this.renderer.prepare(action, columns);
		}
		catch (TemplateException ex) {
			Selection counts = this.dataops.selection(workflowId, ActionService.selectionOf(action, List.of(), 0, 0));
			return new PreviewResponse(Math.max(1, row), counts.total(), null, "", "", Map.of(), Map.of(),
					"The message cannot be produced: " + ex.getMessage());
		}
		List<String> used = prepared.columnsUsed();
		// one query (the learner and the count) when the row is within the selection, as
		// it nearly always is; a second only to wrap around past either end
		int position = Math.max(1, row);
		Selection one = this.dataops.selection(workflowId, ActionService.selectionOf(action, used, position - 1, 1));
		if (one.total() == 0) {
			return new PreviewResponse(0, 0, null, "", "", Map.of(), Map.of(),
					"Nobody is selected: the filter selects no learner.");
		}
		if (row < 1 || row > one.total()) {
			position = (int) (Math.floorMod(row - 1, one.total()) + 1);
			one = this.dataops.selection(workflowId, ActionService.selectionOf(action, used, position - 1, 1));
		}
		if (one.rows().isEmpty()) {
			return new PreviewResponse(position, one.total(), null, "", "", Map.of(), Map.of(),
					"The learner is no longer there; the table has changed. Try again.");
		}
		Selection.Row learner = one.rows().get(0);
		Map<String, Object> values = new LinkedHashMap<>();
		for (String column : used) {
			values.put(column, learner.values().get(column));
		}
		try {
			MessageRenderer.Message message = prepared.render(learner);
			String problem = action.type().endsWith("json") ? JsonText.problem(message.html()) : null;
			if (problem != null) {
				// shown with the document, as the run would refuse it for this learner
				return new PreviewResponse(position, one.total(), learner.rowId(), "", message.html(), values,
						learner.conditions(), "The document for this learner is " + problem);
			}
			return new PreviewResponse(position, one.total(), learner.rowId(), message.subject(), message.html(),
					values, learner.conditions(), null);
		}
		catch (TemplateException ex) {
			return new PreviewResponse(position, one.total(), learner.rowId(), "", "", values, learner.conditions(),
					"The message cannot be produced: " + ex.getMessage());
		}
	}

	/**
	 * The position of the next learner after {@code row} for whom every condition is
	 * false, wrapping around.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @param row the current position
	 * @return the position, or empty when there is no such learner (or no condition)
	 */
	public java.util.OptionalInt nextAllFalse(long workflowId, long actionId, String email, int row) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		if (action.conditions().isEmpty()) {
			return java.util.OptionalInt.empty();
		}
		long total = this.dataops.selection(workflowId, ActionService.selectionOf(action, List.of(), 0, 0)).total();
		if (total == 0) {
			return java.util.OptionalInt.empty();
		}
		int start = (int) Math.floorMod(Math.max(row, 0), total);
		// from the next row to the end, then from the start up to the current row
		for (int[] range : new int[][] { { start, (int) total }, { 0, start } }) {
			for (int offset = range[0]; offset < range[1]; offset += SCAN_PAGE) {
				int limit = Math.min(SCAN_PAGE, range[1] - offset);
				Selection page = this.dataops.selection(workflowId,
						ActionService.selectionOf(action, List.of(), offset, limit));
				for (int i = 0; i < page.rows().size(); i++) {
					Map<String, Boolean> truth = page.rows().get(i).conditions();
					if (!truth.isEmpty() && truth.values().stream().noneMatch(Boolean::booleanValue)) {
						return java.util.OptionalInt.of(offset + i + 1);
					}
				}
			}
		}
		return java.util.OptionalInt.empty();
	}

}
