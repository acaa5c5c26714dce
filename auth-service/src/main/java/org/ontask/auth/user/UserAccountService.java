package org.ontask.auth.user;

import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds and creates user accounts.
 */
@Service
public class UserAccountService {

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	UserAccountService(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
			ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
	}

	/**
	 * Finds an account by email, whatever its case.
	 * @param email the email
	 * @return the account, if any
	 */
	@Transactional(readOnly = true)
	public Optional<UserAccount> findByEmail(String email) {
		if (email == null || email.isBlank()) {
			return Optional.empty();
		}
		return this.accounts.findByEmail(UserAccount.normalise(email));
	}

	/**
	 * The account of someone a trusted source (an LMS launch) vouches for: found by
	 * email, or created without a password (so it cannot sign in with a password); the
	 * role is added when the account lacks it, never removed.
	 * @param email the email
	 * @param displayName the name to give a new account
	 * @param role the role the source grants
	 * @return the account
	 */
	@Transactional
	public UserAccount vouchedFor(String email, String displayName, Role role) {
		String normalised = UserAccount.normalise(email);
		UserAccount existing = this.accounts.findByEmail(normalised).orElse(null);
		if (existing == null) {
			UserAccount created = this.accounts.save(new UserAccount(normalised,
					(displayName == null || displayName.isBlank()) ? normalised : displayName.strip(), null,
					Set.of(role)));
			this.events.publishEvent(UserCreated.of(created));
			return created;
		}
		if (existing.grant(role)) {
			this.events.publishEvent(UserUpdated.of(existing));
		}
		return existing;
	}

	/** The shortest password accepted. */
	public static final int MIN_PASSWORD_LENGTH = 10;

	/**
	 * Changes a user's password. The current password is required when the account has
	 * one (an account created by an LMS launch has none and may set one).
	 * @param email the user
	 * @param currentPassword the password now, or blank when the account has none
	 * @param newPassword the new password
	 * @param confirmation the new password again
	 * @throws PasswordChangeException when the change cannot be made; nothing changes
	 */
	@Transactional
	public void changePassword(String email, String currentPassword, String newPassword, String confirmation) {
		UserAccount account = findByEmail(email)
			.orElseThrow(() -> new PasswordChangeException("Your account no longer exists."));
		if (account.getPasswordHash() != null && !this.passwordEncoder
			.matches((currentPassword != null) ? currentPassword : "", account.getPasswordHash())) {
			throw new PasswordChangeException("The current password is not right.");
		}
		if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
			throw new PasswordChangeException(
					"The new password must have at least " + MIN_PASSWORD_LENGTH + " characters.");
		}
		if (newPassword.length() > 200) {
			throw new PasswordChangeException("The new password can have at most 200 characters.");
		}
		if (!newPassword.equals(confirmation)) {
			throw new PasswordChangeException("The two new passwords are not the same.");
		}
		account.changePasswordHash(this.passwordEncoder.encode(newPassword));
	}

	/**
	 * Creates an account unless one with that email exists.
	 * @param email the email
	 * @param displayName the name shown in pages
	 * @param rawPassword the password, hashed before it is stored
	 * @param roles the roles
	 * @return true when the account was created
	 */
	@Transactional
	public boolean createIfAbsent(String email, String displayName, String rawPassword, Set<Role> roles) {
		String normalised = UserAccount.normalise(email);
		if (this.accounts.existsByEmail(normalised)) {
			return false;
		}
		UserAccount created = this.accounts
			.save(new UserAccount(normalised, displayName, this.passwordEncoder.encode(rawPassword), roles));
		this.events.publishEvent(UserCreated.of(created));
		return true;
	}

}
