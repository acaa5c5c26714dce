package org.ontask.auth.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.auth.user.UserDeactivated;
import org.ontask.auth.user.UserDeleted;
import org.ontask.auth.user.UserUpdated;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the Redis mirror of API tokens right when accounts change: a deactivated or
 * deleted account's tokens end, an account whose roles change has its tokens carry the
 * new roles. These listeners run after the account change has committed and are recorded
 * in the event publication registry, so one that fails is retried. On start, the whole
 * mirror is rebuilt from PostgreSQL.
 */
@Component
class ApiTokenLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenLifecycle.class);

	private final ApiTokenService tokens;

	ApiTokenLifecycle(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@ApplicationModuleListener
	void on(UserDeactivated event) {
		this.tokens.endAllOf(event.userId());
	}

	@ApplicationModuleListener
	void on(UserDeleted event) {
		this.tokens.endAllOf(event.userId());
	}

	@ApplicationModuleListener
	void on(UserUpdated event) {
		this.tokens.remirror(event.userId(), event.email(), event.roles());
	}

	@EventListener(ApplicationReadyEvent.class)
	void mirrorOnStart() {
		try {
			this.tokens.resync();
		}
		catch (RuntimeException ex) {
			// Redis or PostgreSQL is not there yet: tokens made before this start work
			// again at the next start; new ones are mirrored as they are made
			log.error("API tokens could not be mirrored to Redis on start", ex);
		}
	}

}
