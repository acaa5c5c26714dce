package org.ontask.auth.user;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in user's own account page.
 */
@Controller
class AccountController {

	private final UserAccountService accounts;

	AccountController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/account")
	String account(Principal principal, @RequestParam(required = false) String passwordChanged, Model model) {
		model.addAttribute("passwordChanged", passwordChanged != null);
		return page(principal, model);
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
						account.getRoles().stream().map(Role::name).sorted().toList(), account.getCreatedAt(),
						account.getPasswordHash() != null));
		model.addAttribute("minPasswordLength", UserAccountService.MIN_PASSWORD_LENGTH);
		return "account";
	}

	record AccountView(String email, String name, java.util.List<String> roles, java.time.Instant createdAt,
			boolean hasPassword) {
	}

}
