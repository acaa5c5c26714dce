package org.ontask.auth.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;
import org.ontask.platform.web.ApiTokenStore;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.server.ResponseStatusException;

/**
 * Issues, lists and revokes API tokens. PostgreSQL is the source of truth; Redis holds a
 * mirror of each active token (see {@link ApiTokenStore}) that every service reads. The
 * mirror is written inside the transaction that changes a token, so a failure of either
 * leaves the token as it was, and removed again once a revocation has committed, so a
 * concurrent re-mirroring cannot bring a revoked token back.
 */
@Service
class ApiTokenService {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

	/** Tokens one user may hold. */
	static final int MAX_TOKENS = 50;

	/** The longest expiry a token may have, in days (ten years). */
	static final int MAX_DAYS = 3650;

	/** The longest name of a token. */
	static final int MAX_NAME = 100;

	private final ApiTokenRepository tokens;

	private final ApiTokenStore store;

	private final UserAccountService accounts;

	private final UserDetailsService users;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	@Autowired
	ApiTokenService(ApiTokenRepository tokens, ApiTokenStore store, UserAccountService accounts,
			UserDetailsService users) {
		this(tokens, store, accounts, users, Clock.systemUTC());
	}

	ApiTokenService(ApiTokenRepository tokens, ApiTokenStore store, UserAccountService accounts,
			UserDetailsService users, Clock clock) {
		this.tokens = tokens;
		this.store = store;
		this.accounts = accounts;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Issues a token.
	 * @param email the owner
	 * @param name what the token is for
	 * @param expiresInDays days until it stops working, or null for never
	 * @return the token, whose value is never available again
	 * @throws ResponseStatusException 400 when the name or expiry is not acceptable
	 */
	@Transactional
	IssuedToken create(String email, String name, Integer expiresInDays) {
		UserAccount account = this.accounts.findByEmail(email)
			.filter(UserAccount::isActive)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "Your account cannot hold tokens."));
		String cleanName = (name != null) ? name.strip() : "";
		if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"A token needs a name of 1 to " + MAX_NAME + " characters, saying what it is for.");
		}
		if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_DAYS)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "expiresInDays must be between 1 and " + MAX_DAYS
					+ ", or left out for a token that does not expire.");
		}
		if (this.tokens.countByEmail(account.getEmail()) >= MAX_TOKENS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"You have " + MAX_TOKENS + " tokens already; revoke one you no longer use first.");
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String value = ApiTokenStore.TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		String hash = ApiTokenStore.hash(value);
		Instant now = this.clock.instant();
		Instant expiresAt = (expiresInDays != null) ? now.plus(Duration.ofDays(expiresInDays)) : null;
		ApiToken token = this.tokens
			.saveAndFlush(new ApiToken(account.getId(), account.getEmail(), cleanName, hash, now, expiresAt));
		this.store.put(hash, account.getEmail(), roles(account.getEmail()), expiresAt);
		afterCompletion((committed) -> {
			if (!committed) {
				this.store.remove(hash);
			}
		});
		log.info("API token {} \"{}\" issued to {}", token.getId(), cleanName, account.getEmail());
		return new IssuedToken(view(token, Map.of(), now), value);
	}

	/**
	 * A user's tokens, newest first.
	 * @param email the owner
	 * @return the tokens, without their values
	 */
	@Transactional(readOnly = true)
	List<TokenView> list(String email) {
		List<ApiToken> owned = this.tokens.findByEmailOrderByCreatedAtDesc(normalise(email));
		Map<String, Instant> used = this.store.lastUsed(owned.stream().map(ApiToken::getTokenHash).toList());
		Instant now = this.clock.instant();
		return owned.stream().map((token) -> view(token, used, now)).toList();
	}

	/**
	 * Revokes one of a user's tokens: it stops working in every service at once.
	 * @param email the owner
	 * @param id the token id
	 * @return false when the user has no such token (another user's token included)
	 */
	@Transactional
	boolean revoke(String email, long id) {
		Optional<ApiToken> token = this.tokens.findByIdAndEmail(id, normalise(email));
		if (token.isEmpty()) {
			return false;
		}
		this.tokens.delete(token.get());
		this.tokens.flush();
		removeMirror(List.of(token.get().getTokenHash()));
		log.info("API token {} of {} revoked", id, token.get().getEmail());
		return true;
	}

	/**
	 * Ends every token of an account (deactivated or deleted).
	 * @param userId the account id
	 */
	@Transactional
	void endAllOf(long userId) {
		List<ApiToken> owned = this.tokens.findByUserId(userId);
		if (owned.isEmpty()) {
			return;
		}
		this.tokens.deleteAll(owned);
		this.tokens.flush();
		removeMirror(owned.stream().map(ApiToken::getTokenHash).toList());
		log.info("{} API tokens of account {} ended", owned.size(), userId);
	}

	/**
	 * Mirrors an account's tokens again after its email or roles changed.
	 * @param userId the account id
	 * @param email the email now
	 * @param roles the effective roles now
	 */
	@Transactional
	void remirror(long userId, String email, List<String> roles) {
		List<ApiToken> owned = this.tokens.findByUserId(userId);
		Instant now = this.clock.instant();
		Set<String> mirrored = new HashSet<>();
		for (ApiToken token : owned) {
			if (!token.getEmail().equals(email)) {
				token.changeEmail(email);
			}
			if (!token.isExpired(now)) {
				this.store.put(token.getTokenHash(), email, roles, token.getExpiresAt());
				mirrored.add(token.getTokenHash());
			}
		}
		afterCompletion((committed) -> dropVanished(mirrored));
	}

	/**
	 * Makes Redis agree with PostgreSQL: every active token of an active account is
	 * mirrored (so a flushed Redis recovers), tokens of accounts that are gone or
	 * deactivated are ended, and keys of tokens that no longer exist are removed.
	 */
	@Transactional
	void resync() {
		List<ApiToken> all = this.tokens.findAll();
		Set<String> known = all.stream().map(ApiToken::getTokenHash).collect(Collectors.toSet());
		Map<Long, List<ApiToken>> byUser = all.stream()
			.collect(Collectors.groupingBy(ApiToken::getUserId, LinkedHashMap::new, Collectors.toList()));
		Instant now = this.clock.instant();
		Set<String> mirrored = new HashSet<>();
		int ended = 0;
		for (Map.Entry<Long, List<ApiToken>> entry : byUser.entrySet()) {
			List<ApiToken> owned = entry.getValue();
			String email = owned.get(0).getEmail();
			Optional<UserAccount> account = this.accounts.findByEmail(email)
				.filter((a) -> a.getId() == entry.getKey().longValue() && a.isActive());
			if (account.isEmpty()) {
				this.tokens.deleteAll(owned);
				removeMirror(owned.stream().map(ApiToken::getTokenHash).toList());
				ended += owned.size();
				continue;
			}
			List<String> roles = roles(email);
			for (ApiToken token : owned) {
				if (!token.isExpired(now)) {
					this.store.put(token.getTokenHash(), email, roles, token.getExpiresAt());
					mirrored.add(token.getTokenHash());
				}
			}
		}
		Set<String> stale = new HashSet<>(this.store.mirroredHashes());
		stale.removeAll(mirrored);
		// a token issued meanwhile by another replica is in PostgreSQL but was not read
		// above: keep it
		this.tokens.findByTokenHashIn(stale)
			.stream()
			.filter((token) -> !known.contains(token.getTokenHash()))
			.forEach((token) -> stale.remove(token.getTokenHash()));
		stale.forEach(this.store::remove);
		afterCompletion((committed) -> dropVanished(mirrored));
		log.info("API tokens mirrored to Redis: {} active, {} ended, {} stale keys removed", mirrored.size(), ended,
				stale.size());
	}

	/** Removes mirrors now and, once the transaction has committed, once more. */
	private void removeMirror(Collection<String> hashes) {
		hashes.forEach(this.store::remove);
		afterCompletion((committed) -> {
			if (committed) {
				hashes.forEach(this.store::remove);
			}
		});
	}

	/** Removes the mirrors of tokens revoked while they were being mirrored. */
	private void dropVanished(Set<String> mirrored) {
		if (mirrored.isEmpty()) {
			return;
		}
		Set<String> vanished = new HashSet<>(mirrored);
		this.tokens.findByTokenHashIn(mirrored).forEach((token) -> vanished.remove(token.getTokenHash()));
		vanished.forEach(this.store::remove);
	}

	/** The owner's roles as a sign-in would give them (their own and their groups'). */
	private List<String> roles(String email) {
		try {
			return this.users.loadUserByUsername(email)
				.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith("ROLE_"))
				.map((authority) -> authority.substring("ROLE_".length()))
				.sorted()
				.toList();
		}
		catch (UsernameNotFoundException ex) {
			return List.of();
		}
	}

	private static void afterCompletion(java.util.function.Consumer<Boolean> action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				try {
					action.accept(status == STATUS_COMMITTED);
				}
				catch (RuntimeException ex) {
					log.warn("API token mirror could not be tidied after the transaction: {}", ex.getMessage());
				}
			}
		});
	}

	private static TokenView view(ApiToken token, Map<String, Instant> used, Instant now) {
		return new TokenView(token.getId(), token.getName(), token.getCreatedAt(), token.getExpiresAt(),
				used.get(token.getTokenHash()), token.isExpired(now));
	}

	private static String normalise(String email) {
		return (email != null) ? email.strip().toLowerCase(java.util.Locale.ROOT) : "";
	}

	/**
	 * A token as its owner sees it: everything but its value.
	 *
	 * @param id the id
	 * @param name what it is for
	 * @param createdAt when it was issued
	 * @param expiresAt when it stops working, or null for never
	 * @param lastUsedAt when it was last used (to the minute), or null if not known
	 * @param expired whether it has expired
	 */
	record TokenView(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt, boolean expired) {
	}

	/**
	 * A token just issued, with its value: shown once.
	 *
	 * @param token the token
	 * @param value the value to send as {@code Authorization: Bearer}
	 */
	record IssuedToken(TokenView token, String value) {
	}

}
