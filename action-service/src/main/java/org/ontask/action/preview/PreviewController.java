package org.ontask.action.preview;

import java.util.OptionalInt;

import jakarta.servlet.http.HttpSession;

import org.ontask.action.action.ActionService;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The preview page: learner N's message in a sandboxed frame (no script in a message can
 * run), the values it uses and each condition's truth, with previous, next and "next
 * learner for whom every condition is false".
 */
@Controller
class PreviewController {

	private final PreviewService previews;

	private final ActionService actions;

	PreviewController(PreviewService previews, ActionService actions) {
		this.previews = previews;
		this.actions = actions;
	}

	@GetMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/preview")
	String preview(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "1") int row,
			@RequestParam(required = false) String none, Authentication user, HttpSession session, Model model) {
		String workflowName = this.actions.workflowName(id, user.getName());
		OnTaskSession.openWorkflow(session, id, workflowName);
		model.addAttribute("workflowId", id);
		model.addAttribute("action", this.actions.get(id, aid, user.getName()));
		model.addAttribute("preview", this.previews.preview(id, aid, user.getName(), row));
		model.addAttribute("noneAllFalse", none != null);
		return "preview";
	}

	@GetMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/preview/next-all-false")
	String nextAllFalse(@PathVariable long id, @PathVariable long aid, @RequestParam(defaultValue = "0") int row,
			Authentication user) {
		OptionalInt next = this.previews.nextAllFalse(id, aid, user.getName(), row);
		return "redirect:/workflows/" + id + "/actions/" + aid + "/preview?row="
				+ (next.isPresent() ? next.getAsInt() + "" : row + "&none");
	}

}
