package org.ontask.auth.group;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, renames and deletes groups, and sets their roles and members. Every change
 * that alters a member's effective roles publishes {@code user.updated} for that member,
 * signs out those who lost a role, and is refused when it would leave no active
 * administrator.
 */
@Service
public class GroupService {

	private final UserGroupRepository groups;

	private final UserAccountService accounts;

	GroupService(UserGroupRepository groups, UserAccountService accounts) {
		this.groups = groups;
		this.accounts = accounts;
	}

	/**
	 * Every group, by name.
	 * @return the groups
	 */
	@Transactional(readOnly = true)
	public List<GroupView> list() {
		return this.groups.findAll()
			.stream()
			.sorted(Comparator.comparing((UserGroup g) -> g.getName().toLowerCase(java.util.Locale.ROOT)))
			.map(this::view)
			.toList();
	}

	/**
	 * One group with its members.
	 * @param id the group
	 * @return the group
	 */
	@Transactional(readOnly = true)
	public GroupView get(long id) {
		return view(existing(id));
	}

	/**
	 * The groups an account belongs to.
	 * @param userId the account
	 * @return the groups' names and roles
	 */
	@Transactional(readOnly = true)
	public List<GroupView> groupsOf(long userId) {
		return this.groups.findByMember(userId).stream().map(this::view).toList();
	}

	@Transactional
	public GroupView create(String name, Set<Role> roles) {
		String checked = checkName(name, null);
		UserGroup group = new UserGroup(checked);
		group.replaceRoles(roles);
		return view(this.groups.saveAndFlush(group));
	}

	@Transactional
	public GroupView rename(long id, String name) {
		UserGroup group = existing(id);
		group.rename(checkName(name, id));
		return view(group);
	}

	@Transactional
	public GroupView setRoles(long id, Set<Role> roles) {
		UserGroup group = existing(id);
		Map<Long, Set<Role>> before = this.accounts.effectiveRoles(group.getMemberIds());
		group.replaceRoles(roles);
		this.groups.flush();
		this.accounts.rolesChanged(before);
		return view(group);
	}

	@Transactional
	public GroupView addMember(long id, String email) {
		UserGroup group = existing(id);
		UserAccount account = this.accounts.findByEmail(email)
			.orElseThrow(() -> new GroupChangeException(HttpStatus.BAD_REQUEST,
					"There is no account for \"" + ((email != null) ? email.strip() : "") + "\"."));
		Map<Long, Set<Role>> before = this.accounts.effectiveRoles(Set.of(account.getId()));
		if (!group.addMember(account.getId())) {
			throw new GroupChangeException(HttpStatus.CONFLICT,
					account.getEmail() + " is already a member of " + group.getName() + ".");
		}
		this.groups.flush();
		this.accounts.rolesChanged(before);
		return view(group);
	}

	@Transactional
	public GroupView removeMember(long id, long userId) {
		UserGroup group = existing(id);
		Map<Long, Set<Role>> before = this.accounts.effectiveRoles(Set.of(userId));
		if (group.removeMember(userId)) {
			this.groups.flush();
			this.accounts.rolesChanged(before);
		}
		return view(group);
	}

	@Transactional
	public String delete(long id) {
		UserGroup group = existing(id);
		Map<Long, Set<Role>> before = this.accounts.effectiveRoles(group.getMemberIds());
		this.groups.delete(group);
		this.groups.flush();
		this.accounts.rolesChanged(before);
		return group.getName();
	}

	private String checkName(String name, Long id) {
		String checked = (name != null) ? name.strip() : "";
		if (checked.isEmpty() || checked.length() > 150 || checked.chars().anyMatch(Character::isISOControl)) {
			throw new GroupChangeException(HttpStatus.BAD_REQUEST, "A group name of 1 to 150 characters is needed.");
		}
		boolean taken = this.groups.findByNameIgnoringCase(checked)
			.stream()
			.anyMatch((other) -> !other.getId().equals(id));
		if (taken) {
			throw new GroupChangeException(HttpStatus.CONFLICT, "There is already a group called " + checked + ".");
		}
		return checked;
	}

	private UserGroup existing(long id) {
		return this.groups.findById(id)
			.orElseThrow(() -> new GroupChangeException(HttpStatus.NOT_FOUND, "There is no group " + id + "."));
	}

	private GroupView view(UserGroup group) {
		List<GroupView.Member> members = group.getMemberIds()
			.stream()
			.map(this.accounts::findById)
			.flatMap(java.util.Optional::stream)
			.map((a) -> new GroupView.Member(a.getId(), a.getEmail(), a.getDisplayName()))
			.sorted(Comparator.comparing(GroupView.Member::email))
			.toList();
		return new GroupView(group.getId(), group.getName(),
				group.getRoles().stream().map(Role::name).sorted().toList(), members);
	}

	/**
	 * A group as administrators see it.
	 *
	 * @param id the id
	 * @param name the name
	 * @param roles the role names it gives
	 * @param members its members, by email
	 */
	public record GroupView(long id, String name, List<String> roles, List<Member> members) {

		/**
		 * A member.
		 *
		 * @param id the account id
		 * @param email the email
		 * @param name the display name
		 */
		public record Member(long id, String email, String name) {
		}

	}

}
