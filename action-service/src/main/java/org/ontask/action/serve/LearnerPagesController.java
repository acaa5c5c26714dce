package org.ontask.action.serve;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.DataopsRefusedException;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The instructor's side of learner pages: the settings and questions (also shown on the
 * action page), the visits, and filling a survey for any learner from a searchable list.
 * A change that works redirects to the action page; one that is refused shows this page
 * again with the reason.
 */
@Controller
class LearnerPagesController {

	private static final String BASE = "/workflows/{id:\\d+}/actions/{aid:\\d+}";

	private final ServeService serve;

	private final ActionService actions;

	private final DataopsClient dataops;

	LearnerPagesController(ServeService serve, ActionService actions, DataopsClient dataops) {
		this.serve = serve;
		this.actions = actions;
		this.dataops = dataops;
	}

	@GetMapping(BASE + "/serve")
	String settingsPage(@PathVariable long id, @PathVariable long aid, Authentication user, HttpSession session,
			Model model) {
		model(id, aid, user, session, model);
		return "learner-settings";
	}

	@PostMapping(BASE + "/serve")
	String saveSettings(@PathVariable long id, @PathVariable long aid,
			@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "") String activeFrom,
			@RequestParam(defaultValue = "") String activeTo, @RequestParam(defaultValue = "") String learnerColumn,
			@RequestParam(defaultValue = "false") boolean shuffle, Authentication user, HttpSession session,
			Model model, HttpServletResponse response) {
		return change(id, aid, user, session, model, response,
				() -> this.serve.updateSettings(id, aid, user.getName(), new ServeSettings(enabled,
						instant(activeFrom, "from"), instant(activeTo, "to"), learnerColumn, shuffle)),
				"serve-saved");
	}

	@PostMapping(BASE + "/questions")
	String addQuestion(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String column,
			@RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "") String condition,
			@RequestParam(defaultValue = "false") boolean locked, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		return change(id, aid, user, session, model, response, () -> {
			this.serve.addQuestion(id, aid, user.getName(),
					new ServeService.QuestionRequest(column, label, conditionId(condition), locked));
			return null;
		}, "question-added");
	}

	@PostMapping(BASE + "/questions/{qid:\\d+}")
	String updateQuestion(@PathVariable long id, @PathVariable long aid, @PathVariable long qid,
			@RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "") String condition,
			@RequestParam(defaultValue = "false") boolean locked, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		return change(id, aid, user, session, model, response, () -> {
			this.serve.updateQuestion(id, aid, qid, user.getName(),
					new ServeService.QuestionRequest(null, label, conditionId(condition), locked));
			return null;
		}, "question-saved");
	}

	@PostMapping(BASE + "/questions/{qid:\\d+}/delete")
	String removeQuestion(@PathVariable long id, @PathVariable long aid, @PathVariable long qid, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		return change(id, aid, user, session, model, response, () -> {
			this.serve.removeQuestion(id, aid, qid, user.getName());
			return null;
		}, "question-removed");
	}

	@GetMapping(BASE + "/survey")
	String learners(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "0") int page, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		ActionResponse action = opened(id, aid, user, session, model);
		try {
			model.addAttribute("learners", this.serve.learners(id, aid, user.getName(), q, page));
		}
		catch (InvalidServeException | DataopsRefusedException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("error", ex.getReason());
		}
		model.addAttribute("action", action);
		model.addAttribute("search", q);
		return "survey-learners";
	}

	@GetMapping(BASE + "/survey/fill")
	String fill(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String learner,
			@RequestParam(required = false) String done, Authentication user, HttpSession session, Model model) {
		opened(id, aid, user, session, model);
		model.addAttribute("done", done != null);
		return fillPage(model, this.serve.instructorPage(id, aid, user.getName(), learner), Map.of(), null, id, aid,
				learner);
	}

	@PostMapping(BASE + "/survey/fill")
	String fillSave(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "") String learner,
			@RequestParam MultiValueMap<String, String> fields, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		opened(id, aid, user, session, model);
		ServeService.Submission submission = this.serve.instructorSubmit(id, aid, user.getName(), learner,
				ServeController.answers(fields));
		if (submission.saved()) {
			return "redirect:/workflows/" + id + "/actions/" + aid + "/survey/fill?done&learner="
					+ java.net.URLEncoder.encode(learner, java.nio.charset.StandardCharsets.UTF_8);
		}
		model.addAttribute("done", false);
		if (!submission.available()) {
			return fillPage(model, LearnerPage.unavailable(), Map.of(), null, id, aid, learner);
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return fillPage(model, submission.page(), submission.form(), submission.error(), id, aid, learner);
	}

	private static String fillPage(Model model, LearnerPage page, Map<String, String> typed, String error, long id,
			long aid, String learner) {
		model.addAttribute("page", page);
		model.addAttribute("typed", typed);
		model.addAttribute("error", error);
		model.addAttribute("learner", learner);
		model.addAttribute("formAction", "/workflows/" + id + "/actions/" + aid + "/survey/fill");
		return "survey-fill";
	}

	private ActionResponse opened(long id, long aid, Authentication user, HttpSession session, Model model) {
		String workflowName = this.actions.workflowName(id, user.getName());
		OnTaskSession.openWorkflow(session, id, workflowName);
		ActionResponse action = this.actions.get(id, aid, user.getName());
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", workflowName);
		model.addAttribute("action", action);
		return action;
	}

	private void model(long id, long aid, Authentication user, HttpSession session, Model model) {
		ActionResponse action = opened(id, aid, user, session, model);
		List<DataColumn> columns = this.dataops.columns(id);
		model.addAttribute("columns", columns);
		LearnerSectionModel.add(model::addAttribute, this.serve, action, columns, user.getName());
	}

	private String change(long id, long aid, Authentication user, HttpSession session, Model model,
			HttpServletResponse response, Supplier<Object> change, String done) {
		try {
			change.get();
			return "redirect:/workflows/" + id + "/actions/" + aid + "?done=" + done + "#learner-page";
		}
		catch (InvalidServeException | DataopsRefusedException ex) {
			return refused(id, aid, user, session, model, response, ex);
		}
	}

	private String refused(long id, long aid, Authentication user, HttpSession session, Model model,
			HttpServletResponse response, ResponseStatusException ex) {
		response.setStatus(ex.getStatusCode().value());
		model(id, aid, user, session, model);
		model.addAttribute("serveError", ex.getReason());
		return "learner-settings";
	}

	/** A date and time typed in the form (UTC), empty for none. */
	static Instant instant(String text, String which) {
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException again) {
				throw new InvalidServeException("\"" + value + "\" is not a date and time (" + which
						+ "); write it as 2026-11-24T09:00 (UTC).");
			}
		}
	}

	private static Long conditionId(String text) {
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		if (!value.matches("\\d{1,18}")) {
			throw new InvalidServeException("Choose one of the action's conditions, or none.");
		}
		return Long.parseLong(value);
	}

}
