package org.ontask.workflow.workflow;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workflows REST API: list, create, read.
 */
@RestController
@RequestMapping("/api/workflows")
class WorkflowApiController {

	private final WorkflowService workflows;

	WorkflowApiController(WorkflowService workflows) {
		this.workflows = workflows;
	}

	@GetMapping
	List<WorkflowResponse> list(Authentication user) {
		WorkflowController.requireInstructor(user);
		return this.workflows.visibleTo(user.getName());
	}

	@GetMapping("/{id}")
	WorkflowResponse get(@PathVariable long id, Authentication user) {
		WorkflowController.requireInstructor(user);
		return this.workflows.open(id, user.getName());
	}

	@PostMapping
	ResponseEntity<WorkflowResponse> create(@RequestBody CreateWorkflowRequest request, Authentication user) {
		WorkflowController.requireInstructor(user);
		WorkflowResponse created = this.workflows.create(request, user.getName());
		return ResponseEntity.created(URI.create("/api/workflows/" + created.id())).body(created);
	}

}
