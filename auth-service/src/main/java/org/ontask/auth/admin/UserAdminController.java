package org.ontask.auth.admin;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.ontask.auth.group.GroupService;
import org.ontask.auth.user.AccountChangeException;
import org.ontask.auth.user.NewAccountException;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Accounts for administrators, as pages: {@code /admin/users} (list, search, create) and
 * {@code /admin/users/{id}} (edit, deactivate, reactivate, delete). Only {@code ADMIN}
 * reaches these paths (see {@link AdminSecurity}).
 */
@Controller
class UserAdminController {

	private final UserAccountService accounts;

	private final GroupService groups;

	UserAdminController(UserAccountService accounts, GroupService groups) {
		this.accounts = accounts;
		this.groups = groups;
	}

	@GetMapping("/admin/users")
	String users(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String created,
			@RequestParam(required = false) String deleted, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("created", created);
		model.addAttribute("deleted", deleted);
		model.addAttribute("users", this.accounts.search(q).stream().map(this::response).toList());
		model.addAttribute("roles", Role.values());
		return "admin-users";
	}

	@PostMapping("/admin/users")
	String create(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String password, @RequestParam(required = false) List<String> roles,
			Model model, HttpServletResponse response) {
		try {
			UserAccount account = this.accounts.create(email, name, password, roles(roles));
			return "redirect:/admin/users?created=" + account.getId();
		}
		catch (NewAccountException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("formError", ex.getReason());
			model.addAttribute("form", new UserApiController.CreateUserRequest(email, name, null, roles));
			return users("", null, null, model);
		}
	}

	@GetMapping("/admin/users/{id}")
	String user(@PathVariable long id, @RequestParam(required = false) String saved, Model model) {
		model.addAttribute("saved", saved);
		return page(id, model);
	}

	@PostMapping("/admin/users/{id}")
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) List<String> roles, Principal principal, Model model,
			HttpServletResponse response) {
		return change(id, "updated", () -> this.accounts.update(id, name, roles(roles), null, principal.getName()),
				model, response);
	}

	@PostMapping("/admin/users/{id}/password")
	String password(@PathVariable long id, @RequestParam(defaultValue = "") String password, Model model,
			HttpServletResponse response) {
		return change(id, "password", () -> this.accounts.setPassword(id, password), model, response);
	}

	@PostMapping("/admin/users/{id}/deactivate")
	String deactivate(@PathVariable long id, Principal principal, Model model, HttpServletResponse response) {
		return change(id, "deactivated", () -> this.accounts.deactivate(id, principal.getName()), model, response);
	}

	@PostMapping("/admin/users/{id}/reactivate")
	String reactivate(@PathVariable long id, Principal principal, Model model, HttpServletResponse response) {
		return change(id, "reactivated", () -> this.accounts.reactivate(id, principal.getName()), model, response);
	}

	@PostMapping("/admin/users/{id}/delete")
	String delete(@PathVariable long id, Principal principal, Model model, HttpServletResponse response) {
		try {
			String email = this.accounts.delete(id, principal.getName());
			return "redirect:/admin/users?deleted="
					+ java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (AccountChangeException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("error", ex.getReason());
			model.addAttribute("ownedWorkflows", ex.getOwnedWorkflows());
			return page(id, model);
		}
	}

	private String change(long id, String outcome, Runnable action, Model model, HttpServletResponse response) {
		try {
			action.run();
			return "redirect:/admin/users/" + id + "?saved=" + outcome;
		}
		catch (AccountChangeException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("error", ex.getReason());
			return page(id, model);
		}
	}

	private String page(long id, Model model) {
		UserAccount account = this.accounts.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no account " + id + "."));
		model.addAttribute("user", response(account));
		model.addAttribute("ownRoles", account.getRoles().stream().map(Role::name).toList());
		model.addAttribute("groups", this.groups.groupsOf(id));
		model.addAttribute("roles", Role.values());
		return "admin-user";
	}

	private UserApiController.UserResponse response(UserAccount account) {
		return UserApiController.UserResponse.of(account, this.accounts.effectiveRoles(account));
	}

	static Set<Role> roles(List<String> names) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (names != null) {
			for (String name : names) {
				try {
					roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
							"\"" + name + "\" is not a role; the roles are ADMIN, INSTRUCTOR and LEARNER.");
				}
			}
		}
		return roles;
	}

}
