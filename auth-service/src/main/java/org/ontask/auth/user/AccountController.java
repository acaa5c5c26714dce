package org.ontask.auth.user;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ontask.platform.web.OnTaskSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in user's own account page: their name (which they may change), email,
 * effective roles, password.
 */
@Controller
class AccountController {

	private final UserAccountService accounts;

	AccountController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/account")
	String account(Principal principal, @RequestParam(required = false) String passwordChanged,
			@RequestParam(required = false) String nameChanged, Model model) {
		model.addAttribute("passwordChanged", passwordChanged != null);
		model.addAttribute("nameChanged", nameChanged != null);
		return page(principal, model);
	}

	@PostMapping("/account/name")
	String rename(Principal principal, @RequestParam(defaultValue = "") String name, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			UserAccount account = this.accounts.rename(principal.getName(), name);
			// the navigation bar of every service shows the name from the session
			request.getSession().setAttribute(OnTaskSession.DISPLAY_NAME, account.getDisplayName());
			return "redirect:/account?nameChanged";
		}
		catch (AccountChangeException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("nameError", ex.getReason());
			model.addAttribute("nameValue", name);
			return page(principal, model);
		}
	}

	@PostMapping("/account/password")
	String changePassword(Principal principal, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmation,
			Model model, HttpServletResponse response) {
		try {
			this.accounts.changePassword(principal.getName(), currentPassword, newPassword, confirmation);
			return "redirect:/account?passwordChanged";
		}
		catch (PasswordChangeException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("passwordError", ex.getReason());
			return page(principal, model);
		}
	}

	private String page(Principal principal, Model model) {
		UserAccount account = this.accounts.findByEmail(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Your account no longer exists."));
		model.addAttribute("account",
				new AccountView(account.getEmail(), account.getDisplayName(),
						this.accounts.effectiveRoles(account).stream().map(Role::name).sorted().toList(),
						account.getCreatedAt(), account.getPasswordHash() != null));
		model.addAttribute("minPasswordLength", UserAccountService.MIN_PASSWORD_LENGTH);
		return "account";
	}

	record AccountView(String email, String name, java.util.List<String> roles, java.time.Instant createdAt,
			boolean hasPassword) {
	}

}
