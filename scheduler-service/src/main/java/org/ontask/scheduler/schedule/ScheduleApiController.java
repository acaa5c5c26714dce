package org.ontask.scheduler.schedule;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The schedules of a workflow as JSON: {@code /api/workflows/{id}/schedules}. Errors are
 * Problem Details (400 naming what to fix, 404 for a workflow or schedule the caller
 * cannot open, 403 for a change only the schedule's creator or the workflow's owner may
 * make, 409 for a duplicate name or a change that no longer applies).
 */
@RestController
@RequestMapping("/api/workflows/{workflowId:\\d+}/schedules")
class ScheduleApiController {

	private final ScheduleService schedules;

	ScheduleApiController(ScheduleService schedules) {
		this.schedules = schedules;
	}

	@GetMapping
	List<ScheduleResponse> list(@PathVariable long workflowId, Authentication user) {
		return this.schedules.list(workflowId, user.getName());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedResponse create(@PathVariable long workflowId, @RequestBody ScheduleRequest request, Authentication user) {
		return new CreatedResponse(this.schedules.create(workflowId, user.getName(), request));
	}

	@GetMapping("/{scheduleId:\\d+}")
	ScheduleResponse get(@PathVariable long workflowId, @PathVariable long scheduleId, Authentication user) {
		return this.schedules.get(workflowId, scheduleId, user.getName());
	}

	@PutMapping("/{scheduleId:\\d+}")
	ScheduleResponse replace(@PathVariable long workflowId, @PathVariable long scheduleId,
			@RequestBody ScheduleRequest request, Authentication user) {
		return this.schedules.update(workflowId, scheduleId, user.getName(), request);
	}

	@PatchMapping("/{scheduleId:\\d+}")
	ScheduleResponse update(@PathVariable long workflowId, @PathVariable long scheduleId,
			@RequestBody ScheduleRequest request, Authentication user) {
		return this.schedules.update(workflowId, scheduleId, user.getName(), request);
	}

	@DeleteMapping("/{scheduleId:\\d+}")
	ResponseEntity<Void> delete(@PathVariable long workflowId, @PathVariable long scheduleId, Authentication user) {
		this.schedules.delete(workflowId, scheduleId, user.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{scheduleId:\\d+}/pause")
	ScheduleResponse pause(@PathVariable long workflowId, @PathVariable long scheduleId, Authentication user) {
		this.schedules.pause(workflowId, scheduleId, user.getName());
		return this.schedules.get(workflowId, scheduleId, user.getName());
	}

	@PostMapping("/{scheduleId:\\d+}/resume")
	ScheduleResponse resume(@PathVariable long workflowId, @PathVariable long scheduleId, Authentication user) {
		this.schedules.resume(workflowId, scheduleId, user.getName());
		return this.schedules.get(workflowId, scheduleId, user.getName());
	}

	@PostMapping("/{scheduleId:\\d+}/run-now")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Long> runNow(@PathVariable long workflowId, @PathVariable long scheduleId, Authentication user) {
		return Map.of("executionId", this.schedules.runNow(workflowId, scheduleId, user.getName()));
	}

}
