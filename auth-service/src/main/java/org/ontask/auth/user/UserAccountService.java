package org.ontask.auth.user;

import java.util.List;
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

	/**
	 * Accounts whose email or name contains the text, by email.
	 * @param text what to look for; blank for all
	 * @return at most 500 accounts
	 */
	@Transactional(readOnly = true)
	public List<UserAccount> search(String text) {
		String needle = (text != null) ? text.strip().toLowerCase(java.util.Locale.ROOT) : "";
		return this.accounts.findAll(org.springframework.data.domain.Sort.by("email"))
			.stream()
			.filter((a) -> needle.isEmpty() || a.getEmail().contains(needle)
					|| a.getDisplayName().toLowerCase(java.util.Locale.ROOT).contains(needle))
			.limit(500)
			.toList();
	}

	/**
	 * Creates an account for an administrator.
	 * @param email the email
	 * @param displayName the name
	 * @param rawPassword the first password
	 * @param roles the roles, at least one
	 * @return the new account
	 * @throws NewAccountException when a field is wrong or the email is taken; nothing is
	 * created
	 */
	@Transactional
	public UserAccount create(String email, String displayName, String rawPassword, Set<Role> roles) {
		String normalised = (email != null) ? UserAccount.normalise(email) : "";
		if (!normalised.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || normalised.length() > 320) {
			throw new NewAccountException("\"" + normalised + "\" is not an email address.");
		}
		String name = (displayName != null) ? displayName.strip() : "";
		if (name.isEmpty() || name.length() > 255) {
			throw new NewAccountException("A name of 1 to 255 characters is needed.");
		}
		if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH || rawPassword.length() > 200) {
			throw new NewAccountException("The password must have " + MIN_PASSWORD_LENGTH + " to 200 characters.");
		}
		if (roles == null || roles.isEmpty()) {
			throw new NewAccountException("Choose at least one role.");
		}
		if (this.accounts.existsByEmail(normalised)) {
			throw new NewAccountException("There is already an account for " + normalised + ".");
		}
		UserAccount created = this.accounts
			.saveAndFlush(new UserAccount(normalised, name, this.passwordEncoder.encode(rawPassword), roles));
		this.events.publishEvent(UserCreated.of(created));
		return created;
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
