package org.ontask.auth.group;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UserGroupRepository extends JpaRepository<UserGroup, Long> {

	@Query("select g from UserGroup g where lower(g.name) = lower(?1)")
	List<UserGroup> findByNameIgnoringCase(String name);

	@Query("select g from UserGroup g where ?1 member of g.memberIds order by lower(g.name)")
	List<UserGroup> findByMember(Long userId);

}
