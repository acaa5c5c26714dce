package org.ontask.workflow.presence;

/**
 * Someone who has a workflow open.
 *
 * @param email their email
 * @param name their display name
 */
public record Present(String email, String name) {

}
