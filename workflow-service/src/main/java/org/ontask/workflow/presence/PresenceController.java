package org.ontask.workflow.presence;

import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.ontask.platform.web.OnTaskSession;
import org.ontask.workflow.workflow.Viewer;
import org.ontask.workflow.workflow.WorkflowService;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page's sign of life ({@code /workflows/presence.js} posts it every few seconds) and
 * its goodbye when it is closed.
 */
@RestController
class PresenceController {

	private final WorkflowService workflows;

	private final Presence presence;

	PresenceController(WorkflowService workflows, Presence presence) {
		this.workflows = workflows;
		this.presence = presence;
	}

	@PostMapping("/workflows/{id:\\d+}/presence")
	List<Present> here(@PathVariable long id, Authentication user, HttpSession session) {
		this.workflows.open(id, Viewer.instructor(user));
		return this.presence.here(id, user.getName(), (String) session.getAttribute(OnTaskSession.DISPLAY_NAME));
	}

	@PostMapping("/workflows/{id:\\d+}/presence/leave")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void leave(@PathVariable long id, Authentication user) {
		this.presence.left(id, user.getName());
	}

}
