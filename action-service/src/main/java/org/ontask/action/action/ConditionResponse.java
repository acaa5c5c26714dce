package org.ontask.action.action;

import tools.jackson.databind.JsonNode;

/**
 * A condition of an action.
 *
 * @param id its id
 * @param name its name
 * @param description its description
 * @param formula the original's formula JSON
 * @param text the formula as readable text
 */
public record ConditionResponse(long id, String name, String description, JsonNode formula, String text) {

}
