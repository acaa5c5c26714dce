package org.ontask.action.action;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ActionRepository extends JpaRepository<Action, Long> {

	List<Action> findByWorkflowIdOrderByNameAsc(long workflowId);

	Optional<Action> findByIdAndWorkflowId(long id, long workflowId);

	boolean existsByWorkflowIdAndName(long workflowId, String name);

}
