package org.ontask.workflow.workflow;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.platform.web.OnTaskSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The home page (the user's workflows and a form to create one) and the page of one
 * workflow, the hub that links to its table, actions and schedules.
 */
@Controller
class WorkflowController {

	private final WorkflowService workflows;

	WorkflowController(WorkflowService workflows) {
		this.workflows = workflows;
	}

	@GetMapping("/")
	String home(Authentication user, HttpSession session, Model model) {
		// back on the list, no workflow is open any more
		OnTaskSession.closeWorkflow(session);
		if (!isInstructor(user)) {
			return "learner-home";
		}
		model.addAttribute("workflows", this.workflows.visibleTo(user.getName()));
		model.addAttribute("form", new CreateWorkflowRequest("", ""));
		return "home";
	}

	@PostMapping("/workflows")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
			Authentication user, Model model, HttpServletResponse response) {
		requireInstructor(user);
		try {
			WorkflowResponse created = this.workflows.create(new CreateWorkflowRequest(name, description),
					user.getName());
			return "redirect:/workflows/" + created.id() + "?created";
		}
		catch (InvalidWorkflowException ex) {
			// the form again, with what was typed and what is wrong; nothing goes into
			// the
			// session (flash attributes would put framework types into the shared
			// session)
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("workflows", this.workflows.visibleTo(user.getName()));
			model.addAttribute("form", new CreateWorkflowRequest(name, description));
			model.addAttribute("formError", ex.getReason());
			return "home";
		}
	}

	@GetMapping("/workflows/{id}")
	String workflow(@PathVariable long id, @RequestParam(required = false) String created, Authentication user,
			HttpSession session, Model model) {
		requireInstructor(user);
		WorkflowResponse workflow = this.workflows.open(id, user.getName());
		OnTaskSession.openWorkflow(session, workflow.id(), workflow.name());
		model.addAttribute("workflow", workflow);
		model.addAttribute("justCreated", created != null);
		return "workflow";
	}

	static boolean isInstructor(Authentication user) {
		return user.getAuthorities()
			.stream()
			.anyMatch((a) -> "ROLE_INSTRUCTOR".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority()));
	}

	static void requireInstructor(Authentication user) {
		if (!isInstructor(user)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only instructors work with workflows.");
		}
	}

}
