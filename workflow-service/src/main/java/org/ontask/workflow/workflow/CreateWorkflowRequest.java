package org.ontask.workflow.workflow;

/**
 * What it takes to create a workflow.
 *
 * @param name the name, unique among the owner's workflows
 * @param description an optional description
 */
public record CreateWorkflowRequest(String name, String description) {

}
