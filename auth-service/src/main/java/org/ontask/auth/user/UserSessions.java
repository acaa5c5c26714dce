package org.ontask.auth.user;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends a user's sessions in every service, by deleting them from the shared session
 * store. Sessions are kept by Spring Session's plain Redis repository, which has no index
 * by user, so this reads the security context (JSON) of each session and deletes those
 * whose principal is the user; deactivating an account is rare, so the scan is cheap
 * enough.
 * <p>
 * Runs after the change that causes it has committed; the outbox records each call, so a
 * Redis outage delays the sign-out rather than losing it.
 */
@Component
public class UserSessions {

	private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

	static final String SECURITY_CONTEXT = "sessionAttr:SPRING_SECURITY_CONTEXT";

	private final StringRedisTemplate redis;

	private final String namespace;

	private final JsonMapper json = JsonMapper.builder().build();

	UserSessions(StringRedisTemplate redis,
			@Value("${spring.session.data.redis.namespace:spring:session}") String namespace) {
		this.redis = redis;
		this.namespace = namespace;
	}

	@TransactionalEventListener
	void on(UserDeactivated event) {
		endAll(event.email());
	}

	@TransactionalEventListener
	void on(UserDeleted event) {
		endAll(event.email());
	}

	@TransactionalEventListener
	void on(SessionsToEnd event) {
		endAll(event.email());
	}

	/**
	 * Ends every session signed in as the user.
	 * @param email the user's email, lower case
	 * @return how many sessions ended
	 */
	public int endAll(String email) {
		List<String> ended = new ArrayList<>();
		ScanOptions options = ScanOptions.scanOptions().match(this.namespace + ":sessions:*").count(500).build();
		try (Cursor<String> keys = this.redis.scan(options)) {
			while (keys.hasNext()) {
				String key = keys.next();
				Object context = this.redis.opsForHash().get(key, SECURITY_CONTEXT);
				if (context != null && email.equalsIgnoreCase(principalOf(context.toString()))) {
					this.redis.delete(key);
					ended.add(key);
				}
			}
		}
		if (!ended.isEmpty()) {
			log.info("Ended {} session(s) of {}", ended.size(), email);
		}
		return ended.size();
	}

	/**
	 * The user name of a stored security context, or null.
	 * @param contextJson the session attribute as stored
	 * @return the principal's name
	 */
	String principalOf(String contextJson) {
		try {
			JsonNode authentication = unwrap(unwrap(this.json.readTree(contextJson)).get("authentication"));
			if (authentication == null) {
				return null;
			}
			JsonNode principal = unwrap(authentication.get("principal"));
			if (principal == null) {
				return null;
			}
			if (principal.isString()) {
				return principal.asString();
			}
			JsonNode username = principal.get("username");
			return (username != null) ? username.asString() : null;
		}
		catch (RuntimeException ex) {
			// not a context this code understands: leave the session alone
			return null;
		}
	}

	/** Type information may wrap a value as {@code ["class", value]}. */
	private static JsonNode unwrap(JsonNode node) {
		if (node != null && node.isArray() && node.size() == 2 && node.get(0).isString()) {
			return node.get(1);
		}
		return node;
	}

}
