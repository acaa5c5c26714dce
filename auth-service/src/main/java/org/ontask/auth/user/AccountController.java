package org.ontask.auth.user;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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
	String account(Principal principal, Model model) {
		UserAccount account = this.accounts.findByEmail(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Your account no longer exists."));
		model.addAttribute("account", new AccountView(account.getEmail(), account.getDisplayName(),
				account.getRoles().stream().map(Role::name).sorted().toList(), account.getCreatedAt()));
		return "account";
	}

	record AccountView(String email, String name, java.util.List<String> roles, java.time.Instant createdAt) {
	}

}
