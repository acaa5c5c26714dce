package org.ontask.workflow.workflow;

/**
 * A user to share a workflow with, or to transfer it to.
 *
 * @param email the user's email
 */
public record ShareRequest(String email) {

}
