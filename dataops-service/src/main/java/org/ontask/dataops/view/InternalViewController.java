package org.ontask.dataops.view;

import java.util.List;

import org.ontask.workflowaccess.WorkflowAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workflow's views as action-service needs them (an action created from a view takes
 * its filter), over signed service-to-service calls. The platform authenticates the call
 * as the acting user; the workflow must be open to them (404 otherwise, as for a view the
 * workflow does not have).
 */
@RestController
class InternalViewController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WorkflowAccess workflows;

	private final ViewService views;

	InternalViewController(WorkflowAccess workflows, ViewService views) {
		this.workflows = workflows;
		this.views = views;
	}

	@GetMapping(path = "/internal/workflows/{id}/views", produces = MediaType.APPLICATION_JSON_VALUE)
	List<InternalView> views(@PathVariable long id, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return this.views.views(id).stream().map(InternalViewController::internal).toList();
	}

	@GetMapping(path = "/internal/workflows/{id}/views/{viewId}", produces = MediaType.APPLICATION_JSON_VALUE)
	InternalView view(@PathVariable long id, @PathVariable long viewId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return internal(this.views.view(id, viewId));
	}

	private static InternalView internal(View view) {
		JsonNode filter = null;
		if (view.filter() != null && !view.filter().isBlank()) {
			JsonNode parsed = JSON.readTree(view.filter());
			if (!parsed.isEmpty()) {
				filter = parsed;
			}
		}
		return new InternalView(view.id(), view.name(), view.description(), view.columns(), filter, view.filterText());
	}

	/**
	 * A view.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description free text
	 * @param columns its columns in display order
	 * @param filter its filter formula (the original's JSON), null for every row
	 * @param filterText the filter as readable text, empty for every row
	 */
	record InternalView(long id, String name, String description, List<String> columns, JsonNode filter,
			String filterText) {

	}

}
