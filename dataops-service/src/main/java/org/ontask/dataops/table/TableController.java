package org.ontask.dataops.table;

import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The table page of a workflow. Only who may open the workflow sees it.
 */
@Controller
class TableController {

	private final WorkflowAccess workflows;

	TableController(WorkflowAccess workflows) {
		this.workflows = workflows;
	}

	@GetMapping("/workflows/{id}/table")
	String table(@PathVariable long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
		return "table";
	}

}
