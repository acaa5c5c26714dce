package org.ontask.action.action;

import tools.jackson.databind.JsonNode;

/**
 * A condition to add or the new state of one.
 *
 * @param name unique within the action; not a column or attribute name
 * @param description optional
 * @param formula the original's formula JSON
 */
public record ConditionRequest(String name, String description, JsonNode formula) {

}
