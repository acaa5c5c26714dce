package org.ontask.scheduler.schedule;

import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The schedules of one workflow, and of all the user's workflows.
 */
@Controller
class ScheduleController {

	private final WorkflowAccess workflows;

	ScheduleController(WorkflowAccess workflows) {
		this.workflows = workflows;
	}

	@GetMapping("/schedules")
	String allSchedules(Authentication user, Model model) {
		model.addAttribute("workflowName", null);
		return "schedules";
	}

	@GetMapping("/workflows/{id}/schedules")
	String workflowSchedules(@PathVariable long id, Authentication user, Model model) {
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
		return "schedules";
	}

}
