package org.ontask.workflow.workflow;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The workflows REST API. Reads answer with the version as an {@code ETag}; changes of
 * the workflow itself (name, description, attributes) must say which version they are
 * based on ({@code If-Match}, or a {@code version} field) and are refused with 409 when
 * someone changed it since. Errors are Problem Details.
 */
@RestController
@RequestMapping("/api/workflows")
class WorkflowApiController {

	private final WorkflowService workflows;

	WorkflowApiController(WorkflowService workflows) {
		this.workflows = workflows;
	}

	@GetMapping
	List<WorkflowResponse> list(@RequestParam(required = false) String q, Authentication user) {
		return this.workflows.visibleTo(Viewer.instructor(user), q);
	}

	@PostMapping
	ResponseEntity<WorkflowResponse> create(@RequestBody CreateWorkflowRequest request, Authentication user) {
		Viewer.instructor(user);
		WorkflowResponse created = this.workflows.create(request, user.getName());
		return ResponseEntity.created(URI.create("/api/workflows/" + created.id())).eTag(etag(created)).body(created);
	}

	@GetMapping("/{id}")
	ResponseEntity<WorkflowResponse> get(@PathVariable long id, Authentication user) {
		return withEtag(this.workflows.open(id, Viewer.instructor(user)));
	}

	@PutMapping("/{id}")
	ResponseEntity<WorkflowResponse> update(@PathVariable long id, @RequestBody UpdateWorkflowRequest request,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user) {
		UpdateWorkflowRequest based = new UpdateWorkflowRequest(request.name(), request.description(),
				version(ifMatch, request.version()));
		return withEtag(this.workflows.update(id, Viewer.instructor(user), based));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, Authentication user) {
		this.workflows.delete(id, Viewer.instructor(user));
	}

	@PostMapping("/{id}/flush")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void flush(@PathVariable long id, Authentication user) {
		this.workflows.flush(id, Viewer.instructor(user));
	}

	/** Starts a clone: 202, the clone appears in the list once every part is copied. */
	@PostMapping("/{id}/clone")
	ResponseEntity<WorkflowResponse> cloneWorkflow(@PathVariable long id, Authentication user) {
		WorkflowResponse clone = this.workflows.cloneWorkflow(id, Viewer.instructor(user));
		return ResponseEntity.accepted().location(URI.create("/api/workflows/" + clone.id())).body(clone);
	}

	@PostMapping("/{id}/transfer")
	ResponseEntity<WorkflowResponse> transfer(@PathVariable long id, @RequestBody ShareRequest request,
			Authentication user) {
		return withEtag(this.workflows.transfer(id, Viewer.instructor(user), request.email()));
	}

	@PutMapping("/{id}/star")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void star(@PathVariable long id, @RequestBody Map<String, Boolean> request, Authentication user) {
		this.workflows.star(id, Viewer.instructor(user), Boolean.TRUE.equals(request.get("starred")));
	}

	@GetMapping("/{id}/attributes")
	ResponseEntity<Map<String, String>> attributes(@PathVariable long id, Authentication user) {
		WorkflowResponse workflow = this.workflows.open(id, Viewer.instructor(user));
		return ResponseEntity.ok().eTag(etag(workflow)).body(workflow.attributes());
	}

	@PutMapping("/{id}/attributes/{name}")
	ResponseEntity<WorkflowResponse> putAttribute(@PathVariable long id, @PathVariable String name,
			@RequestBody AttributeRequest request, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Authentication user) {
		AttributeRequest based = new AttributeRequest(request.value(), version(ifMatch, request.version()));
		return withEtag(this.workflows.putAttribute(id, Viewer.instructor(user), name, based, null, false));
	}

	@DeleteMapping("/{id}/attributes/{name}")
	ResponseEntity<WorkflowResponse> deleteAttribute(@PathVariable long id, @PathVariable String name,
			@RequestParam(required = false) Long version,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user) {
		return withEtag(this.workflows.removeAttribute(id, Viewer.instructor(user), name, version(ifMatch, version)));
	}

	@GetMapping("/{id}/shares")
	List<String> shares(@PathVariable long id, Authentication user) {
		return this.workflows.open(id, Viewer.instructor(user)).sharedWith();
	}

	@PostMapping("/{id}/shares")
	ResponseEntity<List<String>> share(@PathVariable long id, @RequestBody ShareRequest request, Authentication user) {
		WorkflowResponse after = this.workflows.share(id, Viewer.instructor(user), request.email());
		return ResponseEntity.status(HttpStatus.CREATED).body(after.sharedWith());
	}

	@DeleteMapping("/{id}/shares/{email}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unshare(@PathVariable long id, @PathVariable String email, Authentication user) {
		this.workflows.unshare(id, Viewer.instructor(user), email);
	}

	private static ResponseEntity<WorkflowResponse> withEtag(WorkflowResponse workflow) {
		return ResponseEntity.ok().eTag(etag(workflow)).body(workflow);
	}

	private static String etag(WorkflowResponse workflow) {
		return "\"" + workflow.version() + "\"";
	}

	/**
	 * The version from {@code If-Match} ({@code "3"}, {@code W/"3"} or {@code 3}), else
	 * the body's.
	 */
	static Long version(String ifMatch, Long fromBody) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return fromBody;
		}
		String tag = ifMatch.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		tag = tag.replace("\"", "");
		try {
			return Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"If-Match must be the ETag of the workflow you read, e.g. \"3\".");
		}
	}

}
