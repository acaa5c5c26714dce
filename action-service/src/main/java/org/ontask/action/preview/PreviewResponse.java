package org.ontask.action.preview;

import java.util.Map;

/**
 * An action's message as one learner receives it.
 *
 * @param row the learner's position among those the filter selects, from 1
 * @param total how many learners the filter selects
 * @param rowId dataops' id of the learner's row
 * @param subject the subject
 * @param text the message (HTML)
 * @param values the values of the columns the message uses
 * @param conditions each condition's truth for this learner
 * @param error why the message cannot be produced (then subject and text are empty, but
 * for a JSON document that is not valid JSON: then text is the document)
 */
public record PreviewResponse(int row, long total, Long rowId, String subject, String text, Map<String, Object> values,
		Map<String, Boolean> conditions, String error) {

	/**
	 * Whether every condition is false for this learner (and there is at least one).
	 * @return true when no condition holds
	 */
	public boolean allFalse() {
		return !this.conditions.isEmpty() && this.conditions.values().stream().noneMatch(Boolean::booleanValue);
	}

}
