package org.ontask.workflow.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ontask.workflow.config.WorkflowProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Presence in Redis: per workflow a sorted set of emails scored by their last sign of
 * life, and a hash of their display names; both expire with the last page. Entries older
 * than the time to live are dropped on every read.
 */
@Service
public class Presence {

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Duration ttl;

	Presence(StringRedisTemplate redis, @Value("${ontask.redis.key-prefix:workflow:}") String prefix,
			WorkflowProperties properties) {
		this.redis = redis;
		this.prefix = prefix;
		this.ttl = properties.presence().ttl();
	}

	/**
	 * How often a page renews its mark.
	 * @return a third of the time to live
	 */
	public Duration renewEvery() {
		return this.ttl.dividedBy(3);
	}

	/**
	 * Marks the user as having the workflow open and tells who else has.
	 * @param workflowId the workflow (the caller checked the user may open it)
	 * @param email the user
	 * @param name their display name
	 * @return the others, by name
	 */
	public List<Present> here(long workflowId, String email, String name) {
		long now = System.currentTimeMillis();
		String users = key(workflowId);
		String names = users + ":names";
		this.redis.opsForZSet().add(users, email, now);
		this.redis.opsForHash().put(names, email, (name != null && !name.isBlank()) ? name : email);
		this.redis.expire(users, this.ttl);
		this.redis.expire(names, this.ttl);
		this.redis.opsForZSet().removeRangeByScore(users, Double.NEGATIVE_INFINITY, now - this.ttl.toMillis());
		Set<String> present = this.redis.opsForZSet().rangeByScore(users, now - this.ttl.toMillis(), Double.MAX_VALUE);
		List<Present> others = new ArrayList<>();
		if (present != null) {
			for (String other : present) {
				if (!other.equals(email)) {
					Object otherName = this.redis.opsForHash().get(names, other);
					others.add(new Present(other, (otherName != null) ? otherName.toString() : other));
				}
			}
		}
		others.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
		return others;
	}

	/**
	 * The user closed the page.
	 * @param workflowId the workflow
	 * @param email the user
	 */
	public void left(long workflowId, String email) {
		this.redis.opsForZSet().remove(key(workflowId), email);
	}

	private String key(long workflowId) {
		return this.prefix + "presence:" + workflowId;
	}

}
