package org.ontask.auth.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An API token of a user: its name, expiry and the SHA-256 of the token (the token itself
 * is never stored).
 */
@Entity
@Table(name = "api_token")
class ApiToken {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false)
	private long userId;

	@Column(nullable = false)
	private String email;

	@Column(nullable = false)
	private String name;

	@Column(name = "token_hash", nullable = false, unique = true)
	private String tokenHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "expires_at")
	private Instant expiresAt;

	protected ApiToken() {
	}

	ApiToken(long userId, String email, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
		this.userId = userId;
		this.email = email;
		this.name = name;
		this.tokenHash = tokenHash;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	Long getId() {
		return this.id;
	}

	long getUserId() {
		return this.userId;
	}

	String getEmail() {
		return this.email;
	}

	void changeEmail(String email) {
		this.email = email;
	}

	String getName() {
		return this.name;
	}

	String getTokenHash() {
		return this.tokenHash;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getExpiresAt() {
		return this.expiresAt;
	}

	boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
