package org.ontask.auth.group;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.ontask.auth.user.Role;

/**
 * A named set of accounts that gives each member its roles.
 */
@Entity
@Table(name = "user_group")
class UserGroup {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String name;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "group_role", joinColumns = @JoinColumn(name = "group_id"))
	@Column(name = "role", nullable = false)
	@Enumerated(EnumType.STRING)
	private Set<Role> roles = EnumSet.noneOf(Role.class);

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "group_member", joinColumns = @JoinColumn(name = "group_id"))
	@Column(name = "user_id", nullable = false)
	private Set<Long> memberIds = new HashSet<>();

	protected UserGroup() {
	}

	UserGroup(String name) {
		this.name = name;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	void rename(String name) {
		this.name = name;
	}

	Set<Role> getRoles() {
		return Set.copyOf(this.roles);
	}

	void replaceRoles(Set<Role> roles) {
		this.roles.clear();
		this.roles.addAll(roles);
	}

	Set<Long> getMemberIds() {
		return Set.copyOf(this.memberIds);
	}

	boolean addMember(long userId) {
		return this.memberIds.add(userId);
	}

	boolean removeMember(long userId) {
		return this.memberIds.remove(userId);
	}

}
