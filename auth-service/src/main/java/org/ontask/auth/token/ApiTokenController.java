package org.ontask.auth.token;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.ontask.platform.web.ApiTokenAuthentication;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/auth/tokens}: a script gets a token with the user's email and password
 * (HTTP Basic, accepted here only; see {@link TokenEndpointSecurity}), lists its user's
 * tokens and revokes them. A token cannot issue tokens, so a leaked one cannot outlive
 * its expiry.
 */
@RestController
@RequestMapping("/api/auth/tokens")
class ApiTokenController {

	private final ApiTokenService tokens;

	ApiTokenController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	ResponseEntity<CreatedTokenResponse> create(@RequestBody CreateTokenRequest request, Authentication user) {
		if (user instanceof ApiTokenAuthentication) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"An API token cannot create tokens: use your email and password (HTTP Basic) or your account page.");
		}
		ApiTokenService.IssuedToken issued = this.tokens.create(user.getName(), request.name(),
				request.expiresInDays());
		ApiTokenService.TokenView token = issued.token();
		return ResponseEntity.created(URI.create("/api/auth/tokens/" + token.id()))
			.header("Cache-Control", "no-store")
			.body(new CreatedTokenResponse(token.id(), token.name(), issued.value(), token.createdAt(),
					token.expiresAt()));
	}

	@GetMapping
	List<ApiTokenService.TokenView> list(Authentication user) {
		return this.tokens.list(user.getName());
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id, Authentication user) {
		if (!this.tokens.revoke(user.getName(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "You have no token " + id + ".");
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A token to issue.
	 *
	 * @param name what it is for
	 * @param expiresInDays days until it stops working; null for never
	 */
	record CreateTokenRequest(String name, Integer expiresInDays) {
	}

	/**
	 * A token just issued: the only time its value is given.
	 *
	 * @param id the id (to revoke it)
	 * @param name what it is for
	 * @param token the value, for {@code Authorization: Bearer}
	 * @param createdAt when it was issued
	 * @param expiresAt when it stops working, or null for never
	 */
	record CreatedTokenResponse(long id, String name, String token, Instant createdAt, Instant expiresAt) {
	}

}
