package org.ontask.auth.admin;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.ontask.auth.user.NewAccountException;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * Accounts for administrators: {@code /admin/users} (list, search, create) and
 * {@code /api/users} (list, create). Only {@code ADMIN} reaches these paths (see
 * {@link AdminSecurity}).
 */
@Controller
class UserAdminController {

	private final UserAccountService accounts;

	UserAdminController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/admin/users")
	String users(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String created,
			Model model) {
		model.addAttribute("q", q);
		model.addAttribute("created", created);
		model.addAttribute("users", this.accounts.search(q).stream().map(UserResponse::of).toList());
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
			model.addAttribute("form", new CreateUserRequest(email, name, null, roles));
			return users("", null, model);
		}
	}

	@GetMapping("/api/users")
	@ResponseBody
	List<UserResponse> list(@RequestParam(defaultValue = "") String q) {
		return this.accounts.search(q).stream().map(UserResponse::of).toList();
	}

	@PostMapping("/api/users")
	@ResponseBody
	ResponseEntity<UserResponse> createFromApi(@RequestBody CreateUserRequest request) {
		UserAccount account = this.accounts.create(request.email(), request.name(), request.password(),
				roles(request.roles()));
		return ResponseEntity.created(URI.create("/api/users/" + account.getId())).body(UserResponse.of(account));
	}

	private static Set<Role> roles(List<String> names) {
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

	/**
	 * An account to create.
	 *
	 * @param email the email
	 * @param name the display name
	 * @param password the first password
	 * @param roles role names
	 */
	record CreateUserRequest(String email, String name, String password, List<String> roles) {
	}

	/**
	 * An account as administrators see it.
	 *
	 * @param id the id
	 * @param email the email
	 * @param name the display name
	 * @param roles role names
	 * @param active whether it may sign in
	 */
	record UserResponse(long id, String email, String name, List<String> roles, boolean active) {

		static UserResponse of(UserAccount account) {
			return new UserResponse(account.getId(), account.getEmail(), account.getDisplayName(),
					account.getRoles().stream().map(Role::name).sorted().toList(), account.isActive());
		}

	}

}
