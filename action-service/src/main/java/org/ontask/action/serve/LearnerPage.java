package org.ontask.action.serve;

import java.util.List;

import org.ontask.action.action.ActionType;

/**
 * What a learner page shows: the action's text rendered for the learner's row and, for a
 * survey or to-do list, its questions with the current answers. Nothing in it identifies
 * the row in the table.
 *
 * @param available false for the "nothing for you here" page (every reason alike)
 * @param title the action's name
 * @param description the action's description
 * @param html the text rendered for the learner (values escaped)
 * @param type the action's type code
 * @param questions the questions shown to this learner, in their order
 * @param learner the learner's value in the learner column
 */
public record LearnerPage(boolean available, String title, String description, String html, String type,
		List<ServeService.Question> questions, String learner) {

	/**
	 * The page for anyone with nothing to see.
	 * @return the page
	 */
	public static LearnerPage unavailable() {
		return new LearnerPage(false, "", "", "", "", List.of(), "");
	}

	/**
	 * Whether the page is a form.
	 * @return true for surveys and to-do lists
	 */
	public boolean isSurvey() {
		return ActionType.fromCode(this.type).map(ActionType::isSurvey).orElse(false);
	}

}
