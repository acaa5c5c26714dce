package org.ontask.auth.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.ontask.auth.group.GroupChangeException;
import org.ontask.auth.group.GroupService;
import org.ontask.auth.group.GroupService.GroupView;
import org.ontask.auth.user.AccountChangeException;
import org.ontask.auth.user.Role;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Groups for administrators: {@code /admin/groups} (list, create) and
 * {@code /admin/groups/{id}} (rename, roles, members, delete).
 */
@Controller
class GroupAdminController {

	private final GroupService groups;

	GroupAdminController(GroupService groups) {
		this.groups = groups;
	}

	@GetMapping("/admin/groups")
	String list(@RequestParam(required = false) String deleted, Model model) {
		model.addAttribute("groups", this.groups.list());
		model.addAttribute("roles", Role.values());
		model.addAttribute("deleted", deleted);
		return "admin-groups";
	}

	@PostMapping("/admin/groups")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<String> roles,
			Model model, HttpServletResponse response) {
		try {
			GroupView group = this.groups.create(name, UserAdminController.roles(roles));
			return "redirect:/admin/groups/" + group.id() + "?saved=created";
		}
		catch (GroupChangeException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("formError", ex.getReason());
			model.addAttribute("formName", name);
			return list(null, model);
		}
	}

	@GetMapping("/admin/groups/{id}")
	String group(@PathVariable long id, @RequestParam(required = false) String saved, Model model) {
		model.addAttribute("saved", saved);
		return page(id, model);
	}

	@PostMapping("/admin/groups/{id}/name")
	String rename(@PathVariable long id, @RequestParam(defaultValue = "") String name, Model model,
			HttpServletResponse response) {
		return change(id, "renamed", () -> this.groups.rename(id, name), model, response);
	}

	@PostMapping("/admin/groups/{id}/roles")
	String roles(@PathVariable long id, @RequestParam(required = false) List<String> roles, Model model,
			HttpServletResponse response) {
		return change(id, "roles", () -> this.groups.setRoles(id, UserAdminController.roles(roles)), model, response);
	}

	@PostMapping("/admin/groups/{id}/members")
	String addMember(@PathVariable long id, @RequestParam(defaultValue = "") String email, Model model,
			HttpServletResponse response) {
		return change(id, "member-added", () -> this.groups.addMember(id, email), model, response);
	}

	@PostMapping("/admin/groups/{id}/members/{userId}/remove")
	String removeMember(@PathVariable long id, @PathVariable long userId, Model model, HttpServletResponse response) {
		return change(id, "member-removed", () -> this.groups.removeMember(id, userId), model, response);
	}

	@PostMapping("/admin/groups/{id}/delete")
	String delete(@PathVariable long id, Model model, HttpServletResponse response) {
		try {
			String name = this.groups.delete(id);
			return "redirect:/admin/groups?deleted=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
		}
		catch (GroupChangeException | AccountChangeException ex) {
			return refused(id, ex, model, response);
		}
	}

	private String change(long id, String outcome, Supplier<GroupView> action, Model model,
			HttpServletResponse response) {
		try {
			action.get();
			return "redirect:/admin/groups/" + id + "?saved=" + outcome;
		}
		catch (GroupChangeException | AccountChangeException ex) {
			return refused(id, ex, model, response);
		}
	}

	private String refused(long id, ResponseStatusException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.getStatusCode().value());
		model.addAttribute("error", ex.getReason());
		return page(id, model);
	}

	private String page(long id, Model model) {
		model.addAttribute("group", this.groups.get(id));
		model.addAttribute("roles", Role.values());
		return "admin-group";
	}

}
