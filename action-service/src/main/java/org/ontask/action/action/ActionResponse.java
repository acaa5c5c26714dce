package org.ontask.action.action;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * An action as pages and the API show it.
 *
 * @param id its id
 * @param workflowId its workflow
 * @param name its name
 * @param description its description
 * @param type its type code
 * @param typeLabel its type as people read it
 * @param subject the subject template
 * @param text the message template
 * @param filter the filter formula ({@code {}} for every learner)
 * @param filterText the filter as readable text, empty for every learner
 * @param conditions its conditions in order
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version its version
 * @param warnings problems left by changes to the table's columns (e.g. a deleted column
 * it refers to); previews and runs refuse while any is left
 * @param attachments for an email report: the ids of the workflow's views sent with it as
 * CSV files, in order (a view deleted since it was chosen stays listed until the action
 * is saved without it; see the README)
 */
public record ActionResponse(long id, long workflowId, String name, String description, String type, String typeLabel,
		String subject, String text, JsonNode filter, String filterText, List<ConditionResponse> conditions,
		Instant createdAt, Instant updatedAt, long version, List<String> warnings, List<Long> attachments) {

}
