package org.ontask.platform.web;

import jakarta.servlet.http.HttpSession;

/**
 * The attributes every service may read from the shared session, besides Spring
 * Security's context. Values are plain strings so any service can read what another
 * wrote, whatever classes it has.
 */
public final class OnTaskSession {

	/** The signed-in user's display name, written by auth-service at sign-in. */
	public static final String DISPLAY_NAME = "ontask.user.name";

	/** The id of the workflow the user has open, written by workflow-service. */
	public static final String WORKFLOW_ID = "ontask.workflow.id";

	/** The name of the workflow the user has open. */
	public static final String WORKFLOW_NAME = "ontask.workflow.name";

	/**
	 * The path an LTI launch landed on, written by auth-service: that page may be shown
	 * inside the LMS's frame (see {@code ontask.web.frame-ancestors}).
	 */
	public static final String LAUNCH_LANDING = "ontask.lti.landing";

	private OnTaskSession() {
	}

	/**
	 * Records the workflow the user is working on, for the navigation bar of every
	 * service.
	 * @param session the session
	 * @param id the workflow id
	 * @param name its name
	 */
	public static void openWorkflow(HttpSession session, long id, String name) {
		session.setAttribute(WORKFLOW_ID, Long.toString(id));
		session.setAttribute(WORKFLOW_NAME, name);
	}

	/**
	 * Forgets the open workflow (back on the list, or the workflow is gone).
	 * @param session the session
	 */
	public static void closeWorkflow(HttpSession session) {
		session.removeAttribute(WORKFLOW_ID);
		session.removeAttribute(WORKFLOW_NAME);
	}

}
