package org.ontask.workflow.workflow;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface WorkflowRepository extends JpaRepository<Workflow, Long> {

	List<Workflow> findByOwnerEmailOrderByNameAsc(String ownerEmail);

	Optional<Workflow> findByIdAndOwnerEmail(Long id, String ownerEmail);

	boolean existsByOwnerEmailAndName(String ownerEmail, String name);

}
