package org.ontask.action.action;

/**
 * An action created from a view: it selects the learners the view's filter selects.
 *
 * @param viewId the view in dataops-service
 * @param name unique in the workflow
 * @param type the action type
 * @param description a description
 */
public record CreateFromViewRequest(Long viewId, String name, String type, String description) {

}
