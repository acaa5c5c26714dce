package org.ontask.action.action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.action.attribute.WorkflowAttributes;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.DataView;
import org.ontask.action.dataops.DataopsRefusedException;
import org.ontask.action.dataops.DataopsUnavailableException;
import org.ontask.action.dataops.DataopsViews;
import org.ontask.action.dataops.Selection;
import org.ontask.platform.web.OnTaskSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages of a workflow's actions: the list grouped by type with a form to create one,
 * and the editor of one action (message, filter, conditions, details). A change that is
 * refused shows the editor again with the reason next to the form and what was typed, so
 * nothing is lost; a change that works redirects, so a reload does not repeat it.
 */
@Controller
class ActionController {

	private final ActionService actions;

	private final DataopsClient dataops;

	private final WorkflowAttributes attributes;

	private final ActionsFromViews fromViews;

	private final DataopsViews views;

	ActionController(ActionService actions, DataopsClient dataops, WorkflowAttributes attributes,
			ActionsFromViews fromViews, DataopsViews views) {
		this.fromViews = fromViews;
		this.views = views;
		this.actions = actions;
		this.dataops = dataops;
		this.attributes = attributes;
	}

	@GetMapping("/workflows/{id:\\d+}/actions")
	String list(@PathVariable long id, Authentication user, HttpSession session, Model model) {
		listModel(id, user, session, model);
		model.addAttribute("form", new CreateActionRequest("", "personalized_text", "", null, null, null, null));
		return "actions";
	}

	private void listModel(long id, Authentication user, HttpSession session, Model model) {
		String workflowName = this.actions.workflowName(id, user.getName());
		OnTaskSession.openWorkflow(session, id, workflowName);
		Map<ActionType, List<ActionResponse>> byType = new LinkedHashMap<>();
		for (ActionType type : ActionType.values()) {
			byType.put(type, new ArrayList<>());
		}
		List<ActionResponse> all = this.actions.list(id, user.getName());
		for (ActionResponse action : all) {
			ActionType.fromCode(action.type()).ifPresent((type) -> byType.get(type).add(action));
		}
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", workflowName);
		model.addAttribute("byType", byType);
		model.addAttribute("actionCount", all.size());
		model.addAttribute("types", Arrays.asList(ActionType.values()));
		model.addAttribute("views", this.views.list(id));
	}

	@PostMapping("/workflows/{id:\\d+}/actions")
	String create(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) Long viewId, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		CreateActionRequest request = new CreateActionRequest(name, type, description, null, null, null, null);
		try {
			ActionResponse created = (viewId != null)
					? this.fromViews.create(id, user.getName(),
							new CreateFromViewRequest(viewId, name, type, description))
					: this.actions.create(id, user.getName(), request);
			return "redirect:/workflows/" + id + "/actions/" + created.id() + "?done=created";
		}
		catch (InvalidActionException ex) {
			response.setStatus(ex.getStatusCode().value());
			listModel(id, user, session, model);
			model.addAttribute("form", request);
			model.addAttribute("formViewId", viewId);
			model.addAttribute("formError", ex.getReason());
			return "actions";
		}
	}

	@GetMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}")
	String edit(@PathVariable long id, @PathVariable long aid, @RequestParam(required = false) String done,
			Authentication user, HttpSession session, Model model) {
		editModel(id, aid, user, session, model, this.actions.get(id, aid, user.getName()));
		model.addAttribute("done", done);
		return "action";
	}

	private void editModel(long id, long aid, Authentication user, HttpSession session, Model model,
			ActionResponse action) {
		String workflowName = this.actions.workflowName(id, user.getName());
		OnTaskSession.openWorkflow(session, id, workflowName);
		List<DataColumn> columns = this.dataops.columns(id);
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", workflowName);
		model.addAttribute("action", action);
		model.addAttribute("actionType", ActionType.fromCode(action.type()).orElseThrow());
		model.addAttribute("columns", columns);
		// for the query builder and the editor's insert menus (a data attribute, so the
		// page escapes it like any other value)
		model.addAttribute("columnsJson", ActionService.JSON.writeValueAsString(columns));
		model.addAttribute("conditionNamesJson", ActionService.JSON
			.writeValueAsString(action.conditions().stream().map(ConditionResponse::name).toList()));
		model.addAttribute("attributesJson",
				ActionService.JSON.writeValueAsString(new ArrayList<>(this.attributes.of(id).keySet())));
		model.addAttribute("attributeNames", new ArrayList<>(this.attributes.of(id).keySet()));
		if (!model.containsAttribute("subject")) {
			model.addAttribute("subject", action.subject());
			model.addAttribute("text", action.text());
		}
		try {
			Selection counts = this.actions.counts(id, aid, user.getName());
			model.addAttribute("counts", counts);
		}
		catch (DataopsRefusedException ex) {
			model.addAttribute("countsError", ex.getReason());
		}
		List<Map<String, Object>> others = new ArrayList<>();
		for (ActionResponse other : this.actions.list(id, user.getName())) {
			if (other.id() != aid) {
				for (ConditionResponse condition : other.conditions()) {
					others.add(Map.of("value", other.id() + ":" + condition.id(), "label",
							other.name() + " → " + condition.name()));
				}
			}
		}
		model.addAttribute("otherConditions", others);
		if (action.type().equals(ActionType.EMAIL_REPORT.code())) {
			attachmentsModel(id, aid, user, model, action);
		}
	}

	/**
	 * The workflow's views to choose from, and the chosen views that are gone (a run
	 * sends the report without them and says so; saving the choice drops them).
	 */
	private void attachmentsModel(long id, long aid, Authentication user, Model model, ActionResponse action) {
		List<DataView> views;
		try {
			views = this.views.all(id);
		}
		catch (DataopsUnavailableException ex) {
			model.addAttribute("viewsError", "The workflow's views cannot be listed right now.");
			views = List.of();
		}
		model.addAttribute("attachableViews", views);
		if (!model.containsAttribute("chosenViews")) {
			model.addAttribute("chosenViews", action.attachments());
		}
		if (!model.containsAttribute("viewsError")) {
			List<Long> existing = views.stream().map(DataView::id).toList();
			model.addAttribute("goneViews",
					this.actions.attachments(id, aid, user.getName())
						.stream()
						.filter((attachment) -> !existing.contains(attachment.viewId()))
						.map(ActionAttachment::viewName)
						.toList());
		}
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/details")
	String details(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		return change(id, aid, user, session, model, response, "details", () -> this.actions.update(id, aid,
				user.getName(), new UpdateActionRequest(name, description, null, null, null)), "saved");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/text")
	String text(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String subject,
			@RequestParam(defaultValue = "") String text, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		// what was typed comes back if the template is refused
		model.addAttribute("subject", subject);
		model.addAttribute("text", text);
		return change(id, aid, user, session, model, response, "text", () -> this.actions.update(id, aid,
				user.getName(), new UpdateActionRequest(null, null, subject, text, null)), "text-saved");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/filter")
	String filter(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "{}") String formula,
			Authentication user, HttpSession session, Model model, HttpServletResponse response) {
		return change(id, aid, user, session, model, response, "filter", () -> this.actions.update(id, aid,
				user.getName(), new UpdateActionRequest(null, null, null, null, json(formula, "filter"))),
				"filter-saved");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/attachments")
	String attachments(@PathVariable long id, @PathVariable long aid,
			@RequestParam(name = "viewId", required = false) List<Long> viewIds, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		List<Long> chosen = (viewIds != null) ? viewIds : List.of();
		// what was chosen comes back if the choice is refused
		model.addAttribute("chosenViews", chosen);
		return change(
				id, aid, user, session, model, response, "attachments", () -> this.actions.update(id, aid,
						user.getName(), new UpdateActionRequest(null, null, null, null, null, chosen)),
				"attachments-saved");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/conditions")
	String addCondition(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "{}") String formula,
			Authentication user, HttpSession session, Model model, HttpServletResponse response) {
		return change(
				id, aid, user, session, model, response, "conditions", () -> this.actions.addCondition(id, aid,
						user.getName(), new ConditionRequest(name, description, json(formula, "condition"))),
				"condition-added");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/conditions/{cid:\\d+}")
	String updateCondition(@PathVariable long id, @PathVariable long aid, @PathVariable long cid,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
			@RequestParam(defaultValue = "{}") String formula, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		return change(
				id, aid, user, session, model, response, "conditions", () -> this.actions.updateCondition(id, aid, cid,
						user.getName(), new ConditionRequest(name, description, json(formula, "condition"))),
				"condition-saved");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/conditions/{cid:\\d+}/delete")
	String deleteCondition(@PathVariable long id, @PathVariable long aid, @PathVariable long cid, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		return change(id, aid, user, session, model, response, "conditions", () -> {
			this.actions.deleteCondition(id, aid, cid, user.getName());
			return null;
		}, "condition-deleted");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/conditions/{cid:\\d+}/clone")
	String cloneCondition(@PathVariable long id, @PathVariable long aid, @PathVariable long cid, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		return change(id, aid, user, session, model, response, "conditions",
				() -> this.actions.cloneCondition(id, aid, cid, user.getName()), "condition-added");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/conditions/copy")
	String copyCondition(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String from,
			Authentication user, HttpSession session, Model model, HttpServletResponse response) {
		return change(id, aid, user, session, model, response, "conditions", () -> {
			String[] parts = from.split(":");
			if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
				throw new InvalidActionException("condition", "Choose a condition to copy.");
			}
			return this.actions.copyCondition(id, aid, Long.parseLong(parts[0]), Long.parseLong(parts[1]),
					user.getName());
		}, "condition-added");
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/clone")
	String cloneAction(@PathVariable long id, @PathVariable long aid, Authentication user) {
		ActionResponse clone = this.actions.cloneAction(id, aid, user.getName());
		return "redirect:/workflows/" + id + "/actions/" + clone.id() + "?done=cloned";
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/delete")
	String delete(@PathVariable long id, @PathVariable long aid, Authentication user) {
		this.actions.delete(id, aid, user.getName());
		return "redirect:/workflows/" + id + "/actions?deleted";
	}

	private String change(long id, long aid, Authentication user, HttpSession session, Model model,
			HttpServletResponse response, String section, Supplier<Object> change, String done) {
		try {
			change.get();
			return "redirect:/workflows/" + id + "/actions/" + aid + "?done=" + done + "#" + section;
		}
		catch (InvalidActionException ex) {
			return refused(id, aid, user, session, model, response, section, ex);
		}
		catch (DataopsRefusedException ex) {
			return refused(id, aid, user, session, model, response, section, ex);
		}
	}

	private String refused(long id, long aid, Authentication user, HttpSession session, Model model,
			HttpServletResponse response, String section, ResponseStatusException ex) {
		response.setStatus(ex.getStatusCode().value());
		editModel(id, aid, user, session, model, this.actions.get(id, aid, user.getName()));
		model.addAttribute("errorSection", section);
		model.addAttribute("error", ex.getReason());
		return "action";
	}

	private static JsonNode json(String formula, String field) {
		try {
			return ActionService.JSON.readTree(formula.isBlank() ? "{}" : formula);
		}
		catch (JacksonException ex) {
			throw new InvalidActionException(field, "The " + field + " is not valid JSON.");
		}
	}

}
