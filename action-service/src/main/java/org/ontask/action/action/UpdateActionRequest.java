package org.ontask.action.action;

import tools.jackson.databind.JsonNode;

/**
 * A change of an action; each null part is left as it is.
 *
 * @param name a new name
 * @param description a new description
 * @param subject a new subject template
 * @param text a new message template
 * @param filter a new filter formula ({@code {}} for every learner)
 */
public record UpdateActionRequest(String name, String description, String subject, String text, JsonNode filter) {

}
