package org.ontask.auth.user;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/auth/me}: who the caller is, for scripts and pages.
 */
@RestController
class MeApiController {

	private final UserAccountService accounts;

	MeApiController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/auth/me")
	MeResponse me(Principal principal) {
		UserAccount account = this.accounts.findByEmail(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Your account no longer exists."));
		return new MeResponse(account.getEmail(), account.getDisplayName(),
				this.accounts.effectiveRoles(account).stream().map(Role::name).sorted().toList());
	}

	/**
	 * The caller.
	 *
	 * @param email the email
	 * @param name the display name
	 * @param roles the effective role names (own and through groups)
	 */
	record MeResponse(String email, String name, List<String> roles) {
	}

}
