package org.ontask.auth.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ontask.auth.ownership.OwnedWorkflows;
import org.ontask.auth.ownership.OwnedWorkflows.OwnedWorkflow;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	private final OwnedWorkflows ownedWorkflows;

	UserAccountService(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
			ApplicationEventPublisher events, JdbcClient jdbc, OwnedWorkflows ownedWorkflows) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.jdbc = jdbc;
		this.ownedWorkflows = ownedWorkflows;
	}

	/**
	 * Finds an account by id.
	 * @param id the id
	 * @return the account, if any
	 */
	@Transactional(readOnly = true)
	public Optional<UserAccount> findById(long id) {
		return this.accounts.findById(id);
	}

	/**
	 * What the user may do: their own roles and those of every group they belong to. This
	 * is what sign-in puts in the session and what {@code /api/auth/me} answers.
	 * @param account the account
	 * @return the effective roles
	 */
	@Transactional(readOnly = true)
	public Set<Role> effectiveRoles(UserAccount account) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		roles.addAll(account.getRoles());
		if (account.getId() != null) {
			roles.addAll(groupRoles(List.of(account.getId())).getOrDefault(account.getId(), Set.of()));
		}
		return roles;
	}

	/**
	 * The effective roles of several accounts at once.
	 * @param ids account ids
	 * @return the roles of each account that exists
	 */
	@Transactional(readOnly = true)
	public Map<Long, Set<Role>> effectiveRoles(Collection<Long> ids) {
		Map<Long, Set<Role>> roles = new HashMap<>();
		if (ids.isEmpty()) {
			return roles;
		}
		this.accounts.flush();
		this.accounts.findAllById(ids).forEach((account) -> {
			Set<Role> own = EnumSet.noneOf(Role.class);
			own.addAll(account.getRoles());
			roles.put(account.getId(), own);
		});
		groupRoles(ids).forEach((id, groupRoles) -> roles.computeIfPresent(id, (key, own) -> {
			own.addAll(groupRoles);
			return own;
		}));
		return roles;
	}

	private Map<Long, Set<Role>> groupRoles(Collection<Long> ids) {
		Map<Long, Set<Role>> roles = new HashMap<>();
		this.jdbc
			.sql("SELECT DISTINCT m.user_id, r.role FROM group_member m JOIN group_role r ON r.group_id = m.group_id "
					+ "WHERE m.user_id IN (:ids)")
			.param("ids", List.copyOf(ids))
			.query((rs) -> {
				roles.computeIfAbsent(rs.getLong("user_id"), (id) -> EnumSet.noneOf(Role.class))
					.add(Role.valueOf(rs.getString("role")));
			});
		return roles;
	}

	/**
	 * Announces the accounts whose effective roles changed since {@code before}
	 * ({@code user.updated}), and signs out everywhere those who lost a role, so the
	 * change takes effect at once. Call inside the transaction that made the change.
	 * @param before the effective roles before the change, by account id
	 */
	@Transactional
	public void rolesChanged(Map<Long, Set<Role>> before) {
		Map<Long, Set<Role>> after = effectiveRoles(before.keySet());
		requireAnActiveAdministrator();
		after.forEach((id, roles) -> {
			Set<Role> was = before.get(id);
			if (!roles.equals(was)) {
				UserAccount account = this.accounts.findById(id).orElseThrow();
				this.events.publishEvent(UserUpdated.of(account, roles));
				if (!roles.containsAll(was)) {
					this.events.publishEvent(new SessionsToEnd(account.getEmail()));
				}
			}
		});
	}

	/**
	 * Refuses (rolling back the current transaction) a change that would leave no active
	 * account with the ADMIN role, own or through a group.
	 */
	@Transactional
	public void requireAnActiveAdministrator() {
		this.accounts.flush();
		long admins = this.jdbc.sql("""
				SELECT count(*) FROM user_account u WHERE u.active AND (
				  EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'ADMIN')
				  OR EXISTS (SELECT 1 FROM group_member m JOIN group_role g ON g.group_id = m.group_id
				             WHERE m.user_id = u.id AND g.role = 'ADMIN'))
				""").query(Long.class).single();
		if (admins == 0) {
			throw new AccountChangeException(HttpStatus.CONFLICT,
					"At least one active administrator must remain; this change would leave none.");
		}
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
		Set<Role> before = effectiveRoles(existing);
		if (existing.grant(role) && !before.contains(role)) {
			this.events.publishEvent(UserUpdated.of(existing, effectiveRoles(existing)));
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
		if (!isValidEmail(normalised)) {
			throw new NewAccountException("\"" + normalised + "\" is not an email address.");
		}
		String name = (displayName != null) ? displayName.strip() : "";
		if (!isValidName(name)) {
			throw new NewAccountException(NAME_RULE);
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

	static final String NAME_RULE = "A name of 1 to 255 characters is needed.";

	static boolean isValidName(String name) {
		return name != null && !name.isBlank() && name.strip().length() <= 255
				&& name.chars().noneMatch((c) -> Character.isISOControl(c));
	}

	static boolean isValidEmail(String normalised) {
		return normalised.length() <= 320 && normalised.matches("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
	}

	/**
	 * Changes the name a user goes by (their own {@code /account} page).
	 * @param email the user
	 * @param displayName the new name
	 * @return the account
	 * @throws AccountChangeException when the name is not acceptable
	 */
	@Transactional
	public UserAccount rename(String email, String displayName) {
		UserAccount account = findByEmail(email)
			.orElseThrow(() -> new AccountChangeException(HttpStatus.NOT_FOUND, "Your account no longer exists."));
		if (!isValidName(displayName)) {
			throw new AccountChangeException(HttpStatus.BAD_REQUEST, NAME_RULE);
		}
		if (!account.getDisplayName().equals(displayName.strip())) {
			account.rename(displayName.strip());
			this.events.publishEvent(UserUpdated.of(account, effectiveRoles(account)));
		}
		return account;
	}

	/**
	 * An administrator changes an account: its name, its own roles, whether it is active.
	 * A field left null is not changed. An administrator cannot deactivate themselves,
	 * and no change may leave the system without an active administrator.
	 * @param id the account
	 * @param displayName the new name, or null
	 * @param roles the new own roles (at least one), or null
	 * @param active whether it may sign in, or null
	 * @param actorEmail the administrator making the change
	 * @return the account as changed
	 * @throws AccountChangeException when the change cannot be made; nothing changes
	 */
	@Transactional
	public UserAccount update(long id, String displayName, Set<Role> roles, Boolean active, String actorEmail) {
		UserAccount account = existing(id);
		if (displayName != null && !isValidName(displayName)) {
			throw new AccountChangeException(HttpStatus.BAD_REQUEST, NAME_RULE);
		}
		if (roles != null && roles.isEmpty()) {
			throw new AccountChangeException(HttpStatus.BAD_REQUEST, "Choose at least one role.");
		}
		if (Boolean.FALSE.equals(active) && account.isActive()) {
			refuseOnSelf(account, actorEmail, "deactivate");
		}
		Set<Role> before = effectiveRoles(account);
		boolean wasActive = account.isActive();
		boolean renamed = displayName != null && !account.getDisplayName().equals(displayName.strip());
		if (renamed) {
			account.rename(displayName.strip());
		}
		if (roles != null) {
			account.replaceRoles(roles);
		}
		if (active != null) {
			account.activate(active);
		}
		requireAnActiveAdministrator();
		Set<Role> after = effectiveRoles(account);
		if (wasActive && !account.isActive()) {
			this.events.publishEvent(new UserDeactivated(account.getId(), account.getEmail(), Instant.now()));
		}
		if (renamed || !after.equals(before) || (!wasActive && account.isActive())) {
			this.events.publishEvent(UserUpdated.of(account, after));
		}
		if (account.isActive() && !after.containsAll(before)) {
			this.events.publishEvent(new SessionsToEnd(account.getEmail()));
		}
		return account;
	}

	/**
	 * Deactivates an account: it can no longer sign in, its sessions end, and
	 * {@code user.deactivated} is published (its API tokens stop working).
	 * @param id the account
	 * @param actorEmail the administrator
	 * @return the account
	 */
	@Transactional
	public UserAccount deactivate(long id, String actorEmail) {
		return update(id, null, null, false, actorEmail);
	}

	/**
	 * Lets a deactivated account sign in again.
	 * @param id the account
	 * @param actorEmail the administrator
	 * @return the account
	 */
	@Transactional
	public UserAccount reactivate(long id, String actorEmail) {
		return update(id, null, null, true, actorEmail);
	}

	/**
	 * Deletes an account, unless it still owns workflows (they are named; their owner or
	 * an administrator transfers them first on each workflow's sharing page). Publishes
	 * {@code user.deleted} and ends the account's sessions.
	 * @param id the account
	 * @param actorEmail the administrator
	 * @return the deleted account's email
	 * @throws AccountChangeException when it cannot be deleted; nothing changes
	 */
	@Transactional
	public String delete(long id, String actorEmail) {
		UserAccount account = existing(id);
		refuseOnSelf(account, actorEmail, "delete");
		List<OwnedWorkflow> owned = this.ownedWorkflows.ownedBy(account.getEmail());
		if (!owned.isEmpty()) {
			throw new AccountChangeException(HttpStatus.CONFLICT,
					account.getEmail() + " still owns "
							+ ((owned.size() == 1) ? "the workflow " : owned.size() + " workflows: ")
							+ owned.stream().map((w) -> "\"" + w.name() + "\"").collect(Collectors.joining(", "))
							+ ". Transfer " + ((owned.size() == 1) ? "it" : "them")
							+ " to another user on the workflow's sharing page first.",
					owned);
		}
		this.accounts.delete(account);
		requireAnActiveAdministrator();
		this.events.publishEvent(new UserDeleted(id, account.getEmail(), Instant.now()));
		return account.getEmail();
	}

	/**
	 * An administrator gives an account a new password (an imported or LMS-created
	 * account has none).
	 * @param id the account
	 * @param rawPassword the password
	 * @return the account
	 * @throws AccountChangeException when the password is too short or too long
	 */
	@Transactional
	public UserAccount setPassword(long id, String rawPassword) {
		UserAccount account = existing(id);
		if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH || rawPassword.length() > 200) {
			throw new AccountChangeException(HttpStatus.BAD_REQUEST,
					"The password must have " + MIN_PASSWORD_LENGTH + " to 200 characters.");
		}
		account.changePasswordHash(this.passwordEncoder.encode(rawPassword));
		return account;
	}

	private UserAccount existing(long id) {
		return this.accounts.findById(id)
			.orElseThrow(() -> new AccountChangeException(HttpStatus.NOT_FOUND, "There is no account " + id + "."));
	}

	private static void refuseOnSelf(UserAccount account, String actorEmail, String what) {
		if (actorEmail != null && account.getEmail().equalsIgnoreCase(actorEmail.strip())) {
			throw new AccountChangeException(HttpStatus.CONFLICT,
					"You cannot " + what + " your own account; another administrator can.");
		}
	}

	/**
	 * Creates accounts without a password (they sign in through the LMS or a single
	 * sign-on proxy, or set one after an administrator does), in one transaction:
	 * existing accounts are left as they are.
	 * @param emails normalised, valid emails, each once
	 * @param role the role of the new accounts
	 * @return the emails of the accounts created
	 */
	@Transactional
	public List<String> createWithoutPassword(Collection<String> emails, Role role) {
		List<String> created = new ArrayList<>();
		for (String email : emails) {
			if (!this.accounts.existsByEmail(email)) {
				UserAccount account = this.accounts.save(new UserAccount(email, email, null, Set.of(role)));
				this.events.publishEvent(UserCreated.of(account));
				created.add(email);
			}
		}
		this.accounts.flush();
		return created;
	}

	/**
	 * Which of the emails already have an account.
	 * @param emails normalised emails
	 * @return those that exist
	 */
	@Transactional(readOnly = true)
	public Set<String> existing(Collection<String> emails) {
		Set<String> found = new HashSet<>();
		for (String email : emails) {
			if (this.accounts.existsByEmail(email)) {
				found.add(email);
			}
		}
		return found;
	}

}
