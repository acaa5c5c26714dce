package org.ontask.auth.user;

import java.util.List;

import org.ontask.auth.ownership.OwnedWorkflows.OwnedWorkflow;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A change to an account that cannot be made as asked; the message says why, and nothing
 * has changed. A deletion refused because the account still owns workflows names them.
 */
public class AccountChangeException extends ResponseStatusException {

	private final transient List<OwnedWorkflow> ownedWorkflows;

	AccountChangeException(HttpStatus status, String message) {
		this(status, message, List.of());
	}

	AccountChangeException(HttpStatus status, String message, List<OwnedWorkflow> ownedWorkflows) {
		super(status, message);
		this.ownedWorkflows = List.copyOf(ownedWorkflows);
	}

	/**
	 * The workflows that keep an account from being deleted.
	 * @return the workflows, empty for any other refusal
	 */
	public List<OwnedWorkflow> getOwnedWorkflows() {
		return this.ownedWorkflows;
	}

}
