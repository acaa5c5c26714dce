package org.ontask.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The API tokens every service accepts, as mirrored in Redis by auth-service (which keeps
 * them, hashed, in PostgreSQL): one key per active token,
 * {@code <prefix><SHA-256 of the token, hex>}, holding {@code {"email", "roles",
 * "expiresAt"}} and expiring with the token. A revoked token's key is deleted, so it
 * stops working in every service at once. Only hashes are stored: reading Redis does not
 * give anyone a token.
 */
public class ApiTokenStore {

	/** Every token starts with this, so a leaked one is recognisable. */
	public static final String TOKEN_PREFIX = "ot_";

	private static final Logger log = LoggerFactory.getLogger(ApiTokenStore.class);

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	/** How often the last use of a token is written (at most). */
	private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final Clock clock;

	/**
	 * A store.
	 * @param redis the shared Redis
	 * @param keyPrefix the key prefix, e.g. {@code ontask:auth:token:}
	 * @param clock the clock expiry is checked against
	 */
	public ApiTokenStore(StringRedisTemplate redis, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.clock = clock;
	}

	/**
	 * The fingerprint under which a token is stored.
	 * @param token the token
	 * @return the SHA-256 of its UTF-8 bytes, lower-case hex
	 */
	public static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	/**
	 * Makes a token usable (or updates whom it stands for).
	 * @param hash the token's hash
	 * @param email its owner
	 * @param roles the owner's roles, without {@code ROLE_}
	 * @param expiresAt when it stops working, or null for never
	 */
	public void put(String hash, String email, Collection<String> roles, Instant expiresAt) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("email", email);
		value.put("roles", List.copyOf(roles));
		value.put("expiresAt", (expiresAt != null) ? expiresAt.toString() : null);
		String json = JSON.writeValueAsString(value);
		if (expiresAt == null) {
			this.redis.opsForValue().set(key(hash), json);
			return;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		if (left.isNegative() || left.isZero()) {
			remove(hash);
			return;
		}
		this.redis.opsForValue().set(key(hash), json, left);
	}

	/**
	 * Makes a token stop working everywhere.
	 * @param hash the token's hash
	 */
	public void remove(String hash) {
		this.redis.delete(List.of(key(hash), usedKey(hash)));
	}

	/**
	 * The holder of a token, if the token is active; records that it was used.
	 * @param token the token as presented
	 * @return whom it stands for, or empty when it is unknown, revoked or expired
	 */
	public Optional<Holder> verify(String token) {
		if (token == null || token.isEmpty() || token.length() > 256) {
			return Optional.empty();
		}
		String hash = hash(token);
		List<String> values = this.redis.opsForValue().multiGet(List.of(key(hash), usedKey(hash)));
		String json = (values != null) ? values.get(0) : null;
		if (json == null) {
			return Optional.empty();
		}
		Holder holder;
		try {
			holder = parse(json);
		}
		catch (JacksonException | IllegalArgumentException | java.time.DateTimeException ex) {
			log.warn("API token entry {} is not readable: {}", hash, ex.getMessage());
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		if (holder.expiresAt() != null && !now.isBefore(holder.expiresAt())) {
			return Optional.empty();
		}
		String used = values.get(1);
		if (used == null || Long.parseLong(used) < now.minus(USE_RESOLUTION).toEpochMilli()) {
			String stamp = Long.toString(now.toEpochMilli());
			if (holder.expiresAt() != null) {
				this.redis.opsForValue().set(usedKey(hash), stamp, Duration.between(now, holder.expiresAt()));
			}
			else {
				this.redis.opsForValue().set(usedKey(hash), stamp);
			}
		}
		return Optional.of(holder);
	}

	/**
	 * When tokens were last used (to the minute), as far as Redis remembers.
	 * @param hashes the tokens' hashes
	 * @return hash to last use, for the tokens used since they were mirrored
	 */
	public Map<String, Instant> lastUsed(Collection<String> hashes) {
		List<String> ordered = new ArrayList<>(hashes);
		Map<String, Instant> used = new LinkedHashMap<>();
		if (ordered.isEmpty()) {
			return used;
		}
		List<String> values = this.redis.opsForValue().multiGet(ordered.stream().map(this::usedKey).toList());
		for (int i = 0; values != null && i < ordered.size(); i++) {
			if (values.get(i) != null) {
				used.put(ordered.get(i), Instant.ofEpochMilli(Long.parseLong(values.get(i))));
			}
		}
		return used;
	}

	/**
	 * The hashes of every token in Redis, so auth-service can remove those it no longer
	 * has.
	 * @return the hashes
	 */
	public Set<String> mirroredHashes() {
		Set<String> hashes = new HashSet<>();
		ScanOptions options = ScanOptions.scanOptions().match(this.keyPrefix + "*").count(500).build();
		try (Cursor<String> keys = this.redis.scan(options)) {
			keys.forEachRemaining((key) -> {
				String rest = key.substring(this.keyPrefix.length());
				if (HASH.matcher(rest).matches()) {
					hashes.add(rest);
				}
			});
		}
		return hashes;
	}

	private static Holder parse(String json) {
		JsonNode node = JSON.readTree(json);
		String email = node.path("email").asString("");
		if (email.isBlank()) {
			throw new IllegalArgumentException("no email");
		}
		List<String> roles = new ArrayList<>();
		node.path("roles").forEach((role) -> roles.add(role.asString()));
		JsonNode expiry = node.path("expiresAt");
		Instant expiresAt = (expiry.isString() && !expiry.asString().isBlank()) ? Instant.parse(expiry.asString())
				: null;
		return new Holder(email, List.copyOf(roles), expiresAt);
	}

	private String key(String hash) {
		return this.keyPrefix + hash;
	}

	private String usedKey(String hash) {
		return this.keyPrefix + "used:" + hash;
	}

	/**
	 * Whom a token stands for.
	 *
	 * @param email the owner's email
	 * @param roles the owner's roles, without {@code ROLE_}
	 * @param expiresAt when the token stops working, or null for never
	 */
	public record Holder(String email, List<String> roles, Instant expiresAt) {
	}

}
