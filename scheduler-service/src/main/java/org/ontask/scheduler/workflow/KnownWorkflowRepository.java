package org.ontask.scheduler.workflow;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface KnownWorkflowRepository extends JpaRepository<KnownWorkflow, Long> {

	Optional<KnownWorkflow> findByIdAndOwnerEmail(Long id, String ownerEmail);

	/** Idempotent: the same event delivered twice leaves one row. */
	@Modifying
	@Query(value = "INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?1, ?2, ?3, ?4) "
			+ "ON CONFLICT (id) DO NOTHING", nativeQuery = true)
	int insertIfAbsent(long id, String name, String ownerEmail, Instant createdAt);

}
