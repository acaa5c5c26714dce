package org.ontask.dataops.download;

import java.util.List;

import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.dataops.store.TableStore;
import org.ontask.dataops.view.View;
import org.ontask.dataops.view.ViewService;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code ontask_table.csv} of the whole table or of a view (its columns, the rows its
 * filter keeps), written by {@link TableCsv}.
 */
@Controller
class DownloadController {

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final ViewService views;

	private final TableCsv csv;

	DownloadController(WorkflowAccess workflows, TableStore store, ViewService views, TableCsv csv) {
		this.workflows = workflows;
		this.store = store;
		this.views = views;
		this.csv = csv;
	}

	@GetMapping("/workflows/{id}/table/csv")
	ResponseEntity<StreamingResponseBody> table(@PathVariable long id, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return csv(id, this.store.columns(id), null, "ontask_table.csv");
	}

	@GetMapping("/workflows/{id}/views/{viewId}/csv")
	ResponseEntity<StreamingResponseBody> view(@PathVariable long id, @PathVariable long viewId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		View view = this.views.view(id, viewId);
		ViewService.Resolved resolved = this.views.resolve(view);
		return csv(id, resolved.columns(), resolved.filter(), "ontask_view_" + viewId + ".csv");
	}

	private ResponseEntity<StreamingResponseBody> csv(long id, List<DataColumn> columns, SqlFilter filter,
			String filename) {
		return this.csv.response(id, columns, filter, filename);
	}

}
