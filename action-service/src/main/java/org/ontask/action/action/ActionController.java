package org.ontask.action.action;

import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The list of a workflow's actions. Only who may open the workflow sees it.
 */
@Controller
class ActionController {

	private final WorkflowAccess workflows;

	ActionController(WorkflowAccess workflows) {
		this.workflows = workflows;
	}

	@GetMapping("/workflows/{id}/actions")
	String actions(@PathVariable long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
		return "actions";
	}

}
