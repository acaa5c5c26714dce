package org.ontask.action.run;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs as JSON: {@code POST .../actions/{aid}/runs} answers 202 with the queued run;
 * {@code GET .../runs/{runId}} its status, total, sent and failed.
 */
@RestController
@RequestMapping("/api/workflows/{workflowId:\\d+}/actions/{actionId:\\d+}/runs")
class RunApiController {

	private final RunService runs;

	RunApiController(RunService runs) {
		this.runs = runs;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	RunResponse start(@PathVariable long workflowId, @PathVariable long actionId, @RequestBody StartRunRequest request,
			Authentication user) {
		return this.runs.start(workflowId, actionId, user.getName(), request);
	}

	@GetMapping
	List<RunResponse> list(@PathVariable long workflowId, @PathVariable long actionId, Authentication user) {
		return this.runs.list(workflowId, actionId, user.getName());
	}

	@GetMapping("/{runId:\\d+}")
	RunResponse get(@PathVariable long workflowId, @PathVariable long actionId, @PathVariable long runId,
			Authentication user) {
		return this.runs.get(workflowId, actionId, runId, user.getName());
	}

	@PostMapping("/{runId:\\d+}/resume")
	@ResponseStatus(HttpStatus.ACCEPTED)
	RunResponse resume(@PathVariable long workflowId, @PathVariable long actionId, @PathVariable long runId,
			Authentication user) {
		return this.runs.resume(workflowId, actionId, runId, user.getName());
	}

}
