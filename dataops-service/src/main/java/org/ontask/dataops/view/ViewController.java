package org.ontask.dataops.view;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.TableStore;
import org.ontask.dataops.table.TablePages;
import org.ontask.workflowaccess.WorkflowAccess;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The views pages: list, create, edit, clone, delete, and show one as a paged table. The
 * filter is written as formula JSON (the original's QueryBuilder format) or, for one
 * rule, as column, operator and value.
 */
@Controller
class ViewController {

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final ViewService views;

	private final TablePages pages;

	ViewController(WorkflowAccess workflows, TableStore store, ViewService views, TablePages pages) {
		this.workflows = workflows;
		this.store = store;
		this.views = views;
		this.pages = pages;
	}

	@GetMapping("/workflows/{id}/views")
	String list(@PathVariable long id, @RequestParam(required = false) String deleted, Authentication user,
			Model model) {
		open(id, user, model);
		model.addAttribute("views", this.views.views(id));
		model.addAttribute("done", (deleted != null) ? "The view was deleted." : null);
		return "views";
	}

	@GetMapping("/workflows/{id}/views/new")
	String newView(@PathVariable long id, Authentication user, Model model) {
		open(id, user, model);
		return form(model, id, null, "", "", List.of(), "", null);
	}

	@PostMapping("/workflows/{id}/views")
	String create(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description, @RequestParam(required = false) List<String> columns,
			@RequestParam(defaultValue = "") String filter, @RequestParam(defaultValue = "") String field,
			@RequestParam(defaultValue = "") String operator, @RequestParam(defaultValue = "") String value,
			Authentication user, Model model, HttpServletResponse response) {
		open(id, user, model);
		String formula = formula(filter, field, operator, value);
		try {
			View view = this.views.create(id, name, description, columns, formula);
			return "redirect:/workflows/" + id + "/views/" + view.id();
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			return form(model, id, null, name, description, (columns != null) ? columns : List.of(), formula,
					ex.getMessage());
		}
	}

	// digits only: /workflows/assets/views/querybuilder.js is the builder's script
	@GetMapping("/workflows/{id:\\d+}/views/{viewId:\\d+}")
	String show(@PathVariable long id, @PathVariable long viewId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) Long sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) String q, Authentication user,
			Model model) {
		open(id, user, model);
		View view = this.views.view(id, viewId);
		model.addAttribute("view", view);
		model.addAttribute("base", "/workflows/" + id + "/views/" + viewId);
		TablePages.Paging paging = TablePages.Paging.of(page, size, sort, dir, q);
		try {
			ViewService.Resolved resolved = this.views.resolve(view);
			this.pages.fill(model, id, resolved.columnIds(), resolved.filter(), paging);
		}
		catch (DataRejectedException ex) {
			model.addAttribute("error", ex.getMessage());
			this.pages.fill(model, id, List.of(), null, paging);
		}
		return "table";
	}

	@GetMapping("/workflows/{id}/views/{viewId}/edit")
	String edit(@PathVariable long id, @PathVariable long viewId, Authentication user, Model model) {
		open(id, user, model);
		View view = this.views.view(id, viewId);
		return form(model, id, viewId, view.name(), view.description(), view.columns(), view.filter(), null);
	}

	@PostMapping("/workflows/{id:\\d+}/views/{viewId:\\d+}")
	String update(@PathVariable long id, @PathVariable long viewId, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description, @RequestParam(required = false) List<String> columns,
			@RequestParam(defaultValue = "") String filter, @RequestParam(defaultValue = "") String field,
			@RequestParam(defaultValue = "") String operator, @RequestParam(defaultValue = "") String value,
			Authentication user, Model model, HttpServletResponse response) {
		open(id, user, model);
		String formula = formula(filter, field, operator, value);
		try {
			this.views.update(id, viewId, name, description, columns, formula);
			return "redirect:/workflows/" + id + "/views/" + viewId;
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			return form(model, id, viewId, name, description, (columns != null) ? columns : List.of(), formula,
					ex.getMessage());
		}
	}

	@PostMapping("/workflows/{id}/views/{viewId}/clone")
	String copy(@PathVariable long id, @PathVariable long viewId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		View copy = this.views.copy(id, viewId);
		return "redirect:/workflows/" + id + "/views/" + copy.id();
	}

	@PostMapping("/workflows/{id}/views/{viewId}/delete")
	String delete(@PathVariable long id, @PathVariable long viewId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		this.views.delete(id, viewId);
		return "redirect:/workflows/" + id + "/views?deleted";
	}

	private void open(long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
	}

	private String form(Model model, long id, Long viewId, String name, String description, List<String> chosen,
			String filter, String error) {
		model.addAttribute("viewId", viewId);
		model.addAttribute("name", name);
		model.addAttribute("description", description);
		model.addAttribute("chosen", chosen);
		model.addAttribute("filter", "{}".equals(filter) ? "" : filter);
		List<DataColumn> columns = this.store.columns(id);
		model.addAttribute("columns", columns);
		// for the query builder (a data attribute, so the page escapes it like any value)
		model.addAttribute("columnsJson",
				JsonMapper.shared()
					.writeValueAsString(
							columns.stream().map((c) -> Map.of("name", c.name(), "type", c.type().label())).toList()));
		model.addAttribute("error", error);
		return "view-form";
	}

	/** The formula JSON: as written, or one rule built from the simple fields. */
	static String formula(String filter, String field, String operator, String value) {
		// the query builder writes {} for "no rule": the one-rule fields may still give
		// one
		if ((!filter.isBlank() && !"{}".equals(filter.strip())) || field.isBlank()) {
			return filter;
		}
		ObjectNode rule = JsonMapper.shared().createObjectNode();
		rule.put("id", field);
		rule.put("field", field);
		rule.put("operator", operator.isBlank() ? "equal" : operator);
		if (value.isBlank()) {
			rule.putNull("value");
		}
		else {
			rule.put("value", value);
		}
		ObjectNode group = JsonMapper.shared().createObjectNode();
		group.put("condition", "AND");
		group.putArray("rules").add(rule);
		return group.toString();
	}

}
