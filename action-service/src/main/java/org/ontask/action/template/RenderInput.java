package org.ontask.action.template;

import java.util.List;
import java.util.Map;

/**
 * What one message is rendered from.
 *
 * @param values the learner's row: column name to value as dataops answered it (numbers,
 * text, true/false, date-times as text, null when missing)
 * @param conditions each condition's truth for the learner, as dataops computed it
 * @param attributes the workflow's attributes
 * @param macros the output of the report and rubric macros, already escaped for the
 * message's kind
 */
public record RenderInput(Map<String, ?> values, Map<String, Boolean> conditions, Map<String, String> attributes,
		Macros macros) {

	/**
	 * Produces what the macros insert. The output goes into the message as it is, so an
	 * HTML implementation escapes the values it shows.
	 */
	public interface Macros {

		/** No macro output: for action types without macros. */
		Macros NONE = new Macros() {
		};

		/**
		 * The report of some columns, over the learners the action's filter selects.
		 * @param columns the columns, in the order written
		 * @return the report
		 */
		default String report(List<String> columns) {
			return "";
		}

		/**
		 * The rubric feedback of the learner.
		 * @return the feedback
		 */
		default String rubricFeedback() {
			return "";
		}

	}

}
