package org.ontask.platform.web;

/**
 * What the shared layout shows about the visitor: who is signed in and which workflow is
 * open. Available to every template as {@code ontask}.
 *
 * @param signedIn whether someone is signed in
 * @param name the display name (the email when no name is known)
 * @param email the email
 * @param admin whether the user is an administrator
 * @param instructor whether the user is an instructor or an administrator
 * @param workflowId the open workflow's id, or null
 * @param workflowName the open workflow's name, or null
 */
public record PageContext(boolean signedIn, String name, String email, boolean admin, boolean instructor,
		String workflowId, String workflowName) {

}
