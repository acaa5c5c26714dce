package org.ontask.dataops.view;

import java.util.List;

import org.ontask.workflowaccess.WorkflowAccess;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Views for API clients: {@code /api/workflows/{id}/views}. The filter is the formula
 * JSON; a problem with it is a 400 Problem naming the column or operator.
 */
@RestController
class ViewApiController {

	private final WorkflowAccess workflows;

	private final ViewService views;

	ViewApiController(WorkflowAccess workflows, ViewService views) {
		this.workflows = workflows;
		this.views = views;
	}

	@GetMapping(path = "/api/workflows/{id}/views", produces = MediaType.APPLICATION_JSON_VALUE)
	List<ViewResponse> list(@PathVariable long id, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return this.views.views(id).stream().map(ViewResponse::of).toList();
	}

	@GetMapping(path = "/api/workflows/{id}/views/{viewId}", produces = MediaType.APPLICATION_JSON_VALUE)
	ViewResponse get(@PathVariable long id, @PathVariable long viewId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return ViewResponse.of(this.views.view(id, viewId));
	}

	@PostMapping(path = "/api/workflows/{id}/views", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ViewResponse> create(@PathVariable long id, @RequestBody ViewRequest request, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		View view = this.views.create(id, request.name(), request.description(), request.columns(),
				request.filterJson());
		return ResponseEntity.status(HttpStatus.CREATED).body(ViewResponse.of(view));
	}

	@PutMapping(path = "/api/workflows/{id}/views/{viewId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ViewResponse update(@PathVariable long id, @PathVariable long viewId, @RequestBody ViewRequest request,
			Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return ViewResponse.of(this.views.update(id, viewId, request.name(), request.description(), request.columns(),
				request.filterJson()));
	}

	@DeleteMapping("/api/workflows/{id}/views/{viewId}")
	ResponseEntity<Void> delete(@PathVariable long id, @PathVariable long viewId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		this.views.delete(id, viewId);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A view to create or change.
	 *
	 * @param name its name
	 * @param description free text
	 * @param columns column names (at least one key)
	 * @param filter formula JSON (object, stored text, or null for every row)
	 */
	record ViewRequest(String name, String description, List<String> columns, JsonNode filter) {

		String filterJson() {
			if (this.filter == null || this.filter.isNull()) {
				return null;
			}
			return this.filter.isString() ? this.filter.stringValue() : this.filter.toString();
		}

	}

	/**
	 * A view.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description free text
	 * @param columns column names, in order
	 * @param filter the formula JSON
	 * @param filterText the filter as text
	 */
	record ViewResponse(long id, String name, String description, List<String> columns, JsonNode filter,
			String filterText) {

		static ViewResponse of(View view) {
			return new ViewResponse(view.id(), view.name(), view.description(), view.columns(),
					tools.jackson.databind.json.JsonMapper.shared().readTree(view.filter()), view.filterText());
		}

	}

}
