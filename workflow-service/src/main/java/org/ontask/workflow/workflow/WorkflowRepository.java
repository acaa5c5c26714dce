package org.ontask.workflow.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface WorkflowRepository extends JpaRepository<Workflow, Long> {

	@Query("select distinct w from Workflow w left join w.sharedWith s where w.state = ?2 "
			+ "and (w.ownerEmail = ?1 or s = ?1)")
	List<Workflow> findVisibleTo(String email, Workflow.State state);

	List<Workflow> findByState(Workflow.State state);

	List<Workflow> findByOwnerEmailAndStateOrderByNameAsc(String ownerEmail, Workflow.State state);

	Optional<Workflow> findByIdAndState(Long id, Workflow.State state);

	boolean existsByOwnerEmailAndName(String ownerEmail, String name);

	List<Workflow> findByStateAndCreatedAtBefore(Workflow.State state, Instant before);

	/**
	 * Serialises the answers of a clone's parts, which arrive on several queues at once.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select w from Workflow w where w.id = ?1")
	Optional<Workflow> findLockedById(Long id);

	@Query("select w from Workflow w join w.sharedWith s where s = ?1")
	List<Workflow> findSharedWith(String email);

}
