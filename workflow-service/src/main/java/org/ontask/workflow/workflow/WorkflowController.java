package org.ontask.workflow.workflow;

import java.time.ZoneId;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.platform.web.OnTaskSession;
import org.ontask.workflow.config.WorkflowProperties;
import org.ontask.workflow.user.KnownUsers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The home page (the user's workflows, a search, a form to create one) and the page of
 * one workflow, the hub that shows its owner, sharing and attributes, lets its users
 * change them, and links to its table, actions, schedules and history. A form whose
 * change is refused shows the page again with the reason and what is current now; nothing
 * goes into the shared session but strings.
 */
@Controller
class WorkflowController {

	private final WorkflowService workflows;

	private final KnownUsers users;

	private final long presenceEvery;

	private final ZoneId zone;

	WorkflowController(WorkflowService workflows, KnownUsers users, WorkflowProperties properties,
			@Value("${ontask.time-zone:UTC}") String zone) {
		this.workflows = workflows;
		this.users = users;
		this.presenceEvery = Math.max(1, properties.presence().ttl().dividedBy(3).toSeconds());
		this.zone = ZoneId.of(zone);
	}

	@GetMapping("/")
	String home(@RequestParam(required = false) String q, Authentication user, HttpSession session, Model model) {
		// back on the list, no workflow is open any more
		OnTaskSession.closeWorkflow(session);
		if (!Viewer.isInstructor(user)) {
			return "learner-home";
		}
		this.users.seen(user.getName(), (String) session.getAttribute(OnTaskSession.DISPLAY_NAME));
		homeModel(Viewer.of(user), q, model);
		model.addAttribute("notices", this.workflows.takeNotices(user.getName()));
		model.addAttribute("form", new CreateWorkflowRequest("", ""));
		return "home";
	}

	private void homeModel(Viewer viewer, String q, Model model) {
		model.addAttribute("workflows", this.workflows.visibleTo(viewer, q));
		model.addAttribute("pending", this.workflows.clonesInProgress(viewer.email()));
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("me", viewer.email());
	}

	@PostMapping("/workflows")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
			Authentication user, Model model, HttpServletResponse response) {
		Viewer viewer = Viewer.instructor(user);
		try {
			WorkflowResponse created = this.workflows.create(new CreateWorkflowRequest(name, description),
					user.getName());
			return "redirect:/workflows/" + created.id() + "?created";
		}
		catch (InvalidWorkflowException ex) {
			// the form again, with what was typed and what is wrong
			response.setStatus(ex.getStatusCode().value());
			homeModel(viewer, null, model);
			model.addAttribute("form", new CreateWorkflowRequest(name, description));
			model.addAttribute("formError", ex.getReason());
			return "home";
		}
	}

	@GetMapping("/workflows/{id:\\d+}")
	String workflow(@PathVariable long id, @RequestParam(required = false) String created,
			@RequestParam(required = false) String done, Authentication user, HttpSession session, Model model) {
		Viewer viewer = Viewer.instructor(user);
		WorkflowResponse workflow = this.workflows.open(id, viewer);
		hubModel(workflow, viewer, session, model);
		model.addAttribute("justCreated", created != null);
		model.addAttribute("done", done);
		return "workflow";
	}

	private void hubModel(WorkflowResponse workflow, Viewer viewer, HttpSession session, Model model) {
		OnTaskSession.openWorkflow(session, workflow.id(), workflow.name());
		model.addAttribute("workflow", workflow);
		model.addAttribute("zone", this.zone);
		model.addAttribute("presenceEvery", this.presenceEvery);
		model.addAttribute("owner", this.users.displayName(workflow.owner()));
		model.addAttribute("isOwner", workflow.ownedBy(viewer.email()));
		model.addAttribute("mayTransfer", workflow.ownedBy(viewer.email()) || viewer.admin());
		model.addAttribute("lastChangedBy",
				(workflow.updatedBy() != null) ? this.users.displayName(workflow.updatedBy()) : null);
	}

	@PostMapping("/workflows/{id:\\d+}/update")
	String update(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String description, @RequestParam(required = false) Long version,
			Authentication user, HttpSession session, Model model, HttpServletResponse response) {
		return change(id, user, session, model, response, "details", () -> this.workflows.update(id,
				Viewer.instructor(user), new UpdateWorkflowRequest(name, description, version)), "saved");
	}

	@PostMapping("/workflows/{id:\\d+}/attributes")
	String addAttribute(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String value, @RequestParam(required = false) Long version,
			Authentication user, HttpSession session, Model model, HttpServletResponse response) {
		return change(
				id, user, session, model, response, "attributes", () -> this.workflows.putAttribute(id,
						Viewer.instructor(user), name, new AttributeRequest(value, version), null, true),
				"attribute-added");
	}

	@PostMapping("/workflows/{id:\\d+}/attributes/edit")
	String editAttribute(@PathVariable long id, @RequestParam String oldName,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String value,
			@RequestParam(required = false) Long version, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		return change(
				id, user, session, model, response, "attributes", () -> this.workflows.putAttribute(id,
						Viewer.instructor(user), name, new AttributeRequest(value, version), oldName, false),
				"attribute-saved");
	}

	@PostMapping("/workflows/{id:\\d+}/attributes/delete")
	String deleteAttribute(@PathVariable long id, @RequestParam String name,
			@RequestParam(required = false) Long version, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		return change(id, user, session, model, response, "attributes",
				() -> this.workflows.removeAttribute(id, Viewer.instructor(user), name, version), "attribute-removed");
	}

	@PostMapping("/workflows/{id:\\d+}/shares")
	String share(@PathVariable long id, @RequestParam(defaultValue = "") String email, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		return change(id, user, session, model, response, "sharing",
				() -> this.workflows.share(id, Viewer.instructor(user), email), "shared");
	}

	@PostMapping("/workflows/{id:\\d+}/shares/delete")
	String unshare(@PathVariable long id, @RequestParam(defaultValue = "") String email, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		return change(id, user, session, model, response, "sharing",
				() -> this.workflows.unshare(id, Viewer.instructor(user), email), "unshared");
	}

	@PostMapping("/workflows/{id:\\d+}/transfer")
	String transfer(@PathVariable long id, @RequestParam(defaultValue = "") String email, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		Viewer viewer = Viewer.instructor(user);
		try {
			WorkflowResponse after = this.workflows.transfer(id, viewer, email);
			// the former owner may no longer open it (unless an administrator)
			return after.ownedBy(viewer.email()) || viewer.admin() ? "redirect:/workflows/" + id + "?done=transferred"
					: "redirect:/?transferred";
		}
		catch (InvalidWorkflowException ex) {
			return refused(id, viewer, session, model, response, "sharing", ex);
		}
	}

	@PostMapping("/workflows/{id:\\d+}/star")
	String star(@PathVariable long id, @RequestParam(defaultValue = "false") boolean starred,
			@RequestParam(required = false) String back, Authentication user) {
		this.workflows.star(id, Viewer.instructor(user), starred);
		return "hub".equals(back) ? "redirect:/workflows/" + id : "redirect:/";
	}

	@PostMapping("/workflows/{id:\\d+}/delete")
	String delete(@PathVariable long id, Authentication user, HttpSession session) {
		this.workflows.delete(id, Viewer.instructor(user));
		OnTaskSession.closeWorkflow(session);
		return "redirect:/?deleted";
	}

	@PostMapping("/workflows/{id:\\d+}/flush")
	String flush(@PathVariable long id, Authentication user) {
		this.workflows.flush(id, Viewer.instructor(user));
		return "redirect:/workflows/" + id + "?done=flushed";
	}

	@PostMapping("/workflows/{id:\\d+}/clone")
	String cloneWorkflow(@PathVariable long id, Authentication user) {
		WorkflowResponse clone = this.workflows.cloneWorkflow(id, Viewer.instructor(user));
		return "READY".equals(clone.state()) ? "redirect:/workflows/" + clone.id() : "redirect:/?cloning";
	}

	/**
	 * Carries out a change from the hub page: on success back to the page (a redirect, so
	 * a reload does not repeat it); when refused, the page again with the reason next to
	 * the form it came from and the current state of the workflow.
	 */
	private String change(long id, Authentication user, HttpSession session, Model model, HttpServletResponse response,
			String section, Supplier<WorkflowResponse> change, String done) {
		Viewer viewer = Viewer.instructor(user);
		try {
			change.get();
			return "redirect:" + UriComponentsBuilder.fromPath("/workflows/{id}")
				.queryParam("done", done)
				.buildAndExpand(id)
				.toUriString() + "#" + section;
		}
		catch (InvalidWorkflowException | StaleWorkflowException | VersionRequiredException ex) {
			return refused(id, viewer, session, model, response, section, ex);
		}
	}

	private String refused(long id, Viewer viewer, HttpSession session, Model model, HttpServletResponse response,
			String section, ResponseStatusException ex) {
		response.setStatus(ex.getStatusCode().value());
		hubModel(this.workflows.open(id, viewer), viewer, session, model);
		model.addAttribute("errorSection", section);
		model.addAttribute("error", ex.getReason());
		return "workflow";
	}

}
