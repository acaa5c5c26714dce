package org.ontask.dataops.stats;

import java.util.List;

import org.ontask.dataops.row.RowService;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.TableStore;
import org.ontask.dataops.view.View;
import org.ontask.dataops.view.ViewService;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Statistics pages: a dashboard of every non-key column of the table or of a view's
 * columns (its filter applied), one column, and one learner's values marked against the
 * population.
 */
@Controller
class StatsController {

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final StatsService stats;

	private final ViewService views;

	private final RowService rows;

	StatsController(WorkflowAccess workflows, TableStore store, StatsService stats, ViewService views,
			RowService rows) {
		this.workflows = workflows;
		this.store = store;
		this.stats = stats;
		this.views = views;
		this.rows = rows;
	}

	@GetMapping("/workflows/{id}/stats")
	String dashboard(@PathVariable long id, Authentication user, Model model) {
		open(id, user, model);
		List<DataColumn> columns = this.store.columns(id).stream().filter((c) -> !c.key()).toList();
		model.addAttribute("title", "Statistics of the table");
		model.addAttribute("stats", this.stats.stats(id, columns, null, null));
		return "stats";
	}

	@GetMapping("/workflows/{id}/stats/columns/{columnId}")
	String column(@PathVariable long id, @PathVariable long columnId, Authentication user, Model model) {
		open(id, user, model);
		DataColumn column = this.store.column(id, columnId);
		model.addAttribute("title", "Statistics of " + column.name());
		model.addAttribute("stats", this.stats.stats(id, List.of(column), null, null));
		return "stats";
	}

	@GetMapping("/workflows/{id}/stats/rows/{rowId}")
	String row(@PathVariable long id, @PathVariable long rowId, Authentication user, Model model) {
		open(id, user, model);
		List<DataColumn> all = this.rows.row(id, rowId).columns();
		model.addAttribute("title", "One learner against the class: " + learner(id, rowId, all));
		model.addAttribute("stats", this.stats.stats(id, all.stream().filter((c) -> !c.key()).toList(), null, rowId));
		return "stats";
	}

	@GetMapping("/workflows/{id}/views/{viewId}/stats")
	String view(@PathVariable long id, @PathVariable long viewId, @RequestParam(required = false) Long row,
			Authentication user, Model model) {
		open(id, user, model);
		View view = this.views.view(id, viewId);
		ViewService.Resolved resolved = this.views.resolve(view);
		if (row != null) {
			this.rows.row(id, row);
		}
		model.addAttribute("title", "Dashboard of the view " + view.name());
		model.addAttribute("view", view);
		model.addAttribute("stats", this.stats.stats(id, resolved.columns().stream().filter((c) -> !c.key()).toList(),
				resolved.filter(), row));
		return "stats";
	}

	private String learner(long id, long rowId, List<DataColumn> columns) {
		List<Object> values = this.rows.row(id, rowId).rows().get(0).values();
		for (int i = 0; i < columns.size(); i++) {
			if (columns.get(i).key()) {
				return columns.get(i).name() + " " + this.rows.text(values.get(i));
			}
		}
		throw new DataRejectedException(HttpStatus.NOT_FOUND, "This table has no key column.");
	}

	private void open(long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
	}

}
