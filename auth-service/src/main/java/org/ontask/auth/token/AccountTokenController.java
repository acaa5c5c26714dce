package org.ontask.auth.token;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The API tokens section of {@code /account} (listed by {@link AccountTokensSection}):
 * creating one shows its value on a page of its own, once; revoking one ends it
 * everywhere.
 */
@Controller
class AccountTokenController {

	private final ApiTokenService tokens;

	AccountTokenController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping("/account/tokens")
	String create(Principal principal, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String expiresInDays, Model model) {
		Integer days;
		try {
			days = expiresInDays.isBlank() ? null : Integer.valueOf(expiresInDays.strip());
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose when the token expires.");
		}
		ApiTokenService.IssuedToken issued = this.tokens.create(principal.getName(), name, days);
		model.addAttribute("token", issued.token());
		model.addAttribute("value", issued.value());
		return "token-created";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(Principal principal, @PathVariable long id) {
		if (!this.tokens.revoke(principal.getName(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "You have no such token.");
		}
		return "redirect:/account?tokenRevoked";
	}

}
