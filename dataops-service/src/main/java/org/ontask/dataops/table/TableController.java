package org.ontask.dataops.table;

import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The table page of a workflow: a page of rows at a time, sorted by a column and searched
 * in SQL (fast at a million rows: only one page leaves the database), with links to each
 * row, the columns, views, statistics, upload and download. Only who may open the
 * workflow sees it.
 */
@Controller
class TableController {

	private final WorkflowAccess workflows;

	private final TablePages pages;

	TableController(WorkflowAccess workflows, TablePages pages) {
		this.workflows = workflows;
		this.pages = pages;
	}

	@GetMapping("/workflows/{id}/table")
	String table(@PathVariable long id, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) Long sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) String q,
			@RequestParam(required = false) String loaded, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
		this.pages.fill(model, id, null, null, TablePages.Paging.of(page, size, sort, dir, q));
		model.addAttribute("loaded", ("merged".equals(loaded) || "replaced".equals(loaded)) ? loaded : null);
		model.addAttribute("base", "/workflows/" + id + "/table");
		return "table";
	}

}
