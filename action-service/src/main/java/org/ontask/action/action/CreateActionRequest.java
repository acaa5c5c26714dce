package org.ontask.action.action;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What it takes to create an action; everything but the name and type is optional.
 *
 * @param name unique in the workflow
 * @param type {@code personalized_text}, {@code rubric_text} or {@code email_report}
 * @param description a description
 * @param subject the email subject template
 * @param text the message template (HTML)
 * @param filter the filter formula, null for every learner
 * @param conditions named conditions
 * @param attachments for an email report: ids of the workflow's views sent with it as CSV
 * files, in order
 */
public record CreateActionRequest(String name, String type, String description, String subject, String text,
		JsonNode filter, List<ConditionRequest> conditions, List<Long> attachments) {

	/**
	 * An action without attachments.
	 * @param name unique in the workflow
	 * @param type the type code
	 * @param description a description
	 * @param subject the email subject template
	 * @param text the message template (HTML)
	 * @param filter the filter formula, null for every learner
	 * @param conditions named conditions
	 */
	public CreateActionRequest(String name, String type, String description, String subject, String text,
			JsonNode filter, List<ConditionRequest> conditions) {
		this(name, type, description, subject, text, filter, conditions, null);
	}

}
