package org.ontask.action.preview;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/workflows/{id}/actions/{aid}/preview?row=N}: the rendered message of
 * learner N, each condition's truth and the values used.
 */
@RestController
class PreviewApiController {

	private final PreviewService previews;

	PreviewApiController(PreviewService previews) {
		this.previews = previews;
	}

	@GetMapping("/api/workflows/{workflowId:\\d+}/actions/{actionId:\\d+}/preview")
	PreviewResponse preview(@PathVariable long workflowId, @PathVariable long actionId,
			@RequestParam(defaultValue = "1") int row, Authentication user) {
		return this.previews.preview(workflowId, actionId, user.getName(), row);
	}

}
