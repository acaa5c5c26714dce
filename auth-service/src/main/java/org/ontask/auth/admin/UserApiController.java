package org.ontask.auth.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Set;

import org.ontask.auth.ownership.OwnedWorkflows.OwnedWorkflow;
import org.ontask.auth.user.AccountChangeException;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Provisioning for administrators' scripts, {@code /api/users}: list, create, read,
 * update ({@code PUT} or {@code PATCH}: the fields given change), deactivate, reactivate,
 * delete. Only {@code ADMIN} reaches these paths (see {@link AdminSecurity}). Refusals
 * are Problem Details; a refused deletion lists the workflows the account owns.
 */
@RestController
class UserApiController {

	private final UserAccountService accounts;

	UserApiController(UserAccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/users")
	List<UserResponse> list(@RequestParam(defaultValue = "") String q) {
		return this.accounts.search(q).stream().map(this::response).toList();
	}

	@PostMapping("/api/users")
	ResponseEntity<UserResponse> create(@RequestBody CreateUserRequest request) {
		UserAccount account = this.accounts.create(request.email(), request.name(), request.password(),
				UserAdminController.roles(request.roles()));
		return ResponseEntity.created(URI.create("/api/users/" + account.getId())).body(response(account));
	}

	@GetMapping("/api/users/{id}")
	UserResponse get(@PathVariable long id) {
		return response(this.accounts.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no account " + id + ".")));
	}

	@PutMapping("/api/users/{id}")
	UserResponse put(@PathVariable long id, @RequestBody UpdateUserRequest request, Principal principal) {
		return patch(id, request, principal);
	}

	@PatchMapping("/api/users/{id}")
	UserResponse patch(@PathVariable long id, @RequestBody UpdateUserRequest request, Principal principal) {
		Set<Role> roles = (request.roles() != null) ? UserAdminController.roles(request.roles()) : null;
		UserAccount account = this.accounts.update(id, request.name(), roles, request.active(), principal.getName());
		if (request.password() != null) {
			account = this.accounts.setPassword(id, request.password());
		}
		return response(account);
	}

	@PostMapping("/api/users/{id}/deactivate")
	UserResponse deactivate(@PathVariable long id, Principal principal) {
		return response(this.accounts.deactivate(id, principal.getName()));
	}

	@PostMapping("/api/users/{id}/reactivate")
	UserResponse reactivate(@PathVariable long id, Principal principal) {
		return response(this.accounts.reactivate(id, principal.getName()));
	}

	@DeleteMapping("/api/users/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, Principal principal) {
		this.accounts.delete(id, principal.getName());
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(AccountChangeException.class)
	ResponseEntity<ProblemDetail> refused(AccountChangeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.getStatusCode(), ex.getReason());
		if (!ex.getOwnedWorkflows().isEmpty()) {
			problem.setProperty("workflows", ex.getOwnedWorkflows().stream().map(WorkflowRef::of).toList());
		}
		return ResponseEntity.status(ex.getStatusCode()).body(problem);
	}

	private UserResponse response(UserAccount account) {
		return UserResponse.of(account, this.accounts.effectiveRoles(account));
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
	 * A change to an account; absent fields stay as they are.
	 *
	 * @param name the display name
	 * @param roles the account's own role names (groups may add more)
	 * @param active whether it may sign in
	 * @param password a new password
	 */
	record UpdateUserRequest(String name, List<String> roles, Boolean active, String password) {
	}

	/**
	 * A workflow that keeps an account from being deleted.
	 *
	 * @param id the workflow id
	 * @param name its name
	 * @param sharing where it is transferred to another user
	 */
	record WorkflowRef(long id, String name, String sharing) {

		static WorkflowRef of(OwnedWorkflow workflow) {
			return new WorkflowRef(workflow.id(), workflow.name(), workflow.sharingPath());
		}

	}

	/**
	 * An account as administrators see it.
	 *
	 * @param id the id
	 * @param email the email
	 * @param name the display name
	 * @param roles effective role names (own and through groups)
	 * @param active whether it may sign in
	 */
	record UserResponse(long id, String email, String name, List<String> roles, boolean active) {

		static UserResponse of(UserAccount account, Set<Role> effectiveRoles) {
			return new UserResponse(account.getId(), account.getEmail(), account.getDisplayName(),
					effectiveRoles.stream().map(Role::name).sorted().toList(), account.isActive());
		}

	}

}
