package org.ontask.action.run;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The send form of an action, and the page of one run: a progress bar that refreshes
 * until the run is over, then the report (sent, failed with reasons, excluded).
 */
@Controller
class RunController {

	private final RunService runs;

	private final ActionService actions;

	private final DataopsClient dataops;

	RunController(RunService runs, ActionService actions, DataopsClient dataops) {
		this.runs = runs;
		this.actions = actions;
		this.dataops = dataops;
	}

	@GetMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/runs")
	String form(@PathVariable long id, @PathVariable long aid, Authentication user, HttpSession session, Model model) {
		formModel(id, aid, user, session, model);
		return "run-form";
	}

	private void formModel(long id, long aid, Authentication user, HttpSession session, Model model) {
		OnTaskSession.openWorkflow(session, id, this.actions.workflowName(id, user.getName()));
		ActionResponse action = this.actions.get(id, aid, user.getName());
		model.addAttribute("workflowId", id);
		model.addAttribute("action", action);
		model.addAttribute("columns", this.dataops.columns(id));
		model.addAttribute("runs", this.runs.list(id, aid, user.getName()));
		if (!model.containsAttribute("subject")) {
			model.addAttribute("subject", action.subject());
		}
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/runs")
	String start(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String emailColumn,
			@RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String cc,
			@RequestParam(defaultValue = "") String bcc, @RequestParam(defaultValue = "") String exclude,
			@RequestParam(defaultValue = "false") boolean sendSummary,
			@RequestParam(defaultValue = "false") boolean trackRead, @RequestParam(required = false) String keyColumn,
			@RequestParam(required = false) String targetUrl, @RequestParam(required = false) String token,
			@RequestParam(required = false) String emailTo, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		List<String> excluded = Arrays.stream(exclude.split("[\\s,;]+")).filter((e) -> !e.isBlank()).toList();
		try {
			RunResponse run = this.runs.start(id, aid, user.getName(), new StartRunRequest(emailColumn, subject, cc,
					bcc, trackRead, sendSummary, excluded, keyColumn, targetUrl, token, emailTo));
			return "redirect:/workflows/" + id + "/actions/" + aid + "/runs/" + run.id();
		}
		catch (InvalidRunException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("subject", subject);
			formModel(id, aid, user, session, model);
			model.addAttribute("error", ex.getReason());
			model.addAttribute("cc", cc);
			model.addAttribute("bcc", bcc);
			model.addAttribute("exclude", exclude);
			// the token is not sent back to the page
			model.addAttribute("keyColumn", keyColumn);
			model.addAttribute("targetUrl", targetUrl);
			model.addAttribute("emailTo", emailTo);
			return "run-form";
		}
	}

	@GetMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/runs/{runId:\\d+}")
	String run(@PathVariable long id, @PathVariable long aid, @PathVariable long runId, Authentication user,
			HttpSession session, Model model) {
		OnTaskSession.openWorkflow(session, id, this.actions.workflowName(id, user.getName()));
		model.addAttribute("workflowId", id);
		model.addAttribute("action", this.actions.get(id, aid, user.getName()));
		model.addAttribute("run", this.runs.get(id, aid, runId, user.getName()));
		return "run";
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/runs/{runId:\\d+}/resume")
	String resume(@PathVariable long id, @PathVariable long aid, @PathVariable long runId, Authentication user) {
		this.runs.resume(id, aid, runId, user.getName());
		return "redirect:/workflows/" + id + "/actions/" + aid + "/runs/" + runId;
	}

}
