package org.ontask.workflow.workflow;

/**
 * A change of name and/or description; a null field stays as it is.
 *
 * @param name the new name
 * @param description the new description
 * @param version the version the change is based on (or the {@code If-Match} header)
 */
public record UpdateWorkflowRequest(String name, String description, Long version) {

}
