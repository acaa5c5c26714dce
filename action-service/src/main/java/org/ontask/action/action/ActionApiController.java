package org.ontask.action.action;

import java.util.List;
import java.util.Map;

import org.ontask.action.dataops.Selection;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The actions of a workflow as JSON: {@code /api/workflows/{id}/actions}. Errors are
 * Problem Details (400 with what to fix, 404 for a workflow or action the caller cannot
 * open, 503 when the learner table is unreachable).
 */
@RestController
@RequestMapping("/api/workflows/{workflowId:\\d+}/actions")
class ActionApiController {

	private final ActionService actions;

	private final ActionsFromViews fromViews;

	ActionApiController(ActionService actions, ActionsFromViews fromViews) {
		this.actions = actions;
		this.fromViews = fromViews;
	}

	@GetMapping
	List<ActionResponse> list(@PathVariable long workflowId, Authentication user) {
		return this.actions.list(workflowId, user.getName());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedResponse create(@PathVariable long workflowId, @RequestBody CreateActionRequest request,
			Authentication user) {
		return new CreatedResponse(this.actions.create(workflowId, user.getName(), request).id());
	}

	@PostMapping("/from-view")
	@ResponseStatus(HttpStatus.CREATED)
	CreatedResponse createFromView(@PathVariable long workflowId, @RequestBody CreateFromViewRequest request,
			Authentication user) {
		return new CreatedResponse(this.fromViews.create(workflowId, user.getName(), request).id());
	}

	@GetMapping("/{actionId:\\d+}")
	ActionResponse get(@PathVariable long workflowId, @PathVariable long actionId, Authentication user) {
		return this.actions.get(workflowId, actionId, user.getName());
	}

	@PatchMapping("/{actionId:\\d+}")
	ActionResponse update(@PathVariable long workflowId, @PathVariable long actionId,
			@RequestBody UpdateActionRequest request, Authentication user) {
		return this.actions.update(workflowId, actionId, user.getName(), request);
	}

	@DeleteMapping("/{actionId:\\d+}")
	ResponseEntity<Void> delete(@PathVariable long workflowId, @PathVariable long actionId, Authentication user) {
		this.actions.delete(workflowId, actionId, user.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{actionId:\\d+}/clone")
	@ResponseStatus(HttpStatus.CREATED)
	CreatedResponse cloneAction(@PathVariable long workflowId, @PathVariable long actionId, Authentication user) {
		return new CreatedResponse(this.actions.cloneAction(workflowId, actionId, user.getName()).id());
	}

	@PostMapping("/{actionId:\\d+}/conditions")
	@ResponseStatus(HttpStatus.CREATED)
	ConditionResponse addCondition(@PathVariable long workflowId, @PathVariable long actionId,
			@RequestBody ConditionRequest request, Authentication user) {
		return this.actions.addCondition(workflowId, actionId, user.getName(), request);
	}

	@PatchMapping("/{actionId:\\d+}/conditions/{conditionId:\\d+}")
	ConditionResponse updateCondition(@PathVariable long workflowId, @PathVariable long actionId,
			@PathVariable long conditionId, @RequestBody ConditionRequest request, Authentication user) {
		return this.actions.updateCondition(workflowId, actionId, conditionId, user.getName(), request);
	}

	@DeleteMapping("/{actionId:\\d+}/conditions/{conditionId:\\d+}")
	ResponseEntity<Void> deleteCondition(@PathVariable long workflowId, @PathVariable long actionId,
			@PathVariable long conditionId, Authentication user) {
		this.actions.deleteCondition(workflowId, actionId, conditionId, user.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{actionId:\\d+}/conditions/{conditionId:\\d+}/clone")
	@ResponseStatus(HttpStatus.CREATED)
	ConditionResponse cloneCondition(@PathVariable long workflowId, @PathVariable long actionId,
			@PathVariable long conditionId, Authentication user) {
		return this.actions.cloneCondition(workflowId, actionId, conditionId, user.getName());
	}

	@GetMapping("/{actionId:\\d+}/counts")
	Map<String, Object> counts(@PathVariable long workflowId, @PathVariable long actionId, Authentication user) {
		Selection counts = this.actions.counts(workflowId, actionId, user.getName());
		return Map.of("total", counts.total(), "counts", counts.counts());
	}

}
