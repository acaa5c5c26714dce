package org.ontask.action.serve;

import java.util.List;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Learner pages as JSON: {@code /api/workflows/{id}/actions/{aid}/serve} (settings, GET
 * and PUT), {@code .../serve/views} and {@code .../questions}. Errors are Problem Details
 * (400 with what to fix, 404 for what the caller cannot open).
 */
@RestController
@RequestMapping("/api/workflows/{workflowId:\\d+}/actions/{actionId:\\d+}")
class LearnerPagesApiController {

	private final ServeService serve;

	LearnerPagesApiController(ServeService serve) {
		this.serve = serve;
	}

	@GetMapping("/serve")
	ServeSettings settings(@PathVariable long workflowId, @PathVariable long actionId, Authentication user) {
		return this.serve.settings(workflowId, actionId, user.getName());
	}

	@PutMapping("/serve")
	ServeSettings update(@PathVariable long workflowId, @PathVariable long actionId,
			@RequestBody ServeSettingsRequest request, Authentication user) {
		return this.serve.updateSettings(workflowId, actionId, user.getName(), request.settings());
	}

	@GetMapping("/serve/views")
	ServeService.Views views(@PathVariable long workflowId, @PathVariable long actionId,
			@RequestParam(defaultValue = "100") int limit, Authentication user) {
		return this.serve.views(workflowId, actionId, user.getName(), Math.max(0, Math.min(limit, 1000)));
	}

	@GetMapping("/questions")
	List<ServeService.QuestionInfo> questions(@PathVariable long workflowId, @PathVariable long actionId,
			Authentication user) {
		return this.serve.questions(workflowId, actionId, user.getName());
	}

	@PostMapping("/questions")
	@ResponseStatus(HttpStatus.CREATED)
	List<ServeService.QuestionInfo> addQuestion(@PathVariable long workflowId, @PathVariable long actionId,
			@RequestBody ServeService.QuestionRequest request, Authentication user) {
		this.serve.addQuestion(workflowId, actionId, user.getName(), request);
		return this.serve.questions(workflowId, actionId, user.getName());
	}

	@PatchMapping("/questions/{questionId:\\d+}")
	List<ServeService.QuestionInfo> updateQuestion(@PathVariable long workflowId, @PathVariable long actionId,
			@PathVariable long questionId, @RequestBody ServeService.QuestionRequest request, Authentication user) {
		this.serve.updateQuestion(workflowId, actionId, questionId, user.getName(), request);
		return this.serve.questions(workflowId, actionId, user.getName());
	}

	@DeleteMapping("/questions/{questionId:\\d+}")
	ResponseEntity<Void> removeQuestion(@PathVariable long workflowId, @PathVariable long actionId,
			@PathVariable long questionId, Authentication user) {
		this.serve.removeQuestion(workflowId, actionId, questionId, user.getName());
		return ResponseEntity.noContent().build();
	}

}
