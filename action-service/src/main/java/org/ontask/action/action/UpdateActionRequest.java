package org.ontask.action.action;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A change of an action; each null part is left as it is.
 *
 * @param name a new name
 * @param description a new description
 * @param subject a new subject template
 * @param text a new message template
 * @param filter a new filter formula ({@code {}} for every learner)
 * @param attachments for an email report: the ids of the workflow's views sent with it as
 * CSV files, in order ({@code []} for none)
 */
public record UpdateActionRequest(String name, String description, String subject, String text, JsonNode filter,
		List<Long> attachments) {

	/**
	 * A change that leaves the attachments as they are.
	 * @param name a new name
	 * @param description a new description
	 * @param subject a new subject template
	 * @param text a new message template
	 * @param filter a new filter formula
	 */
	public UpdateActionRequest(String name, String description, String subject, String text, JsonNode filter) {
		this(name, description, subject, text, filter, null);
	}

}
