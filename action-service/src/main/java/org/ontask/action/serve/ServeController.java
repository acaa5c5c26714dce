package org.ontask.action.serve;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /serve/{action}}: the page of the signed-in learner (any signed-in user; the
 * page shows only their own row). Whoever has nothing to see there — no row, page off,
 * outside its window, no such action — gets the same polite page with status 200. A
 * survey is answered with a POST to the same address, so an LMS frame that allowed the
 * launch's landing page shows the thank-you page too.
 */
@Controller
class ServeController {

	private final ServeService serve;

	ServeController(ServeService serve) {
		this.serve = serve;
	}

	@GetMapping("/serve/{aid:\\d+}")
	String page(@PathVariable long aid, @RequestParam(required = false) String done, Authentication user, Model model) {
		model.addAttribute("actionId", aid);
		if (done != null) {
			return "learner-thanks";
		}
		LearnerPage page = this.serve.learnerPage(aid, user.getName());
		return show(page, Map.of(), null, model);
	}

	@PostMapping("/serve/{aid:\\d+}")
	String answer(@PathVariable long aid, @RequestParam MultiValueMap<String, String> fields, Authentication user,
			Model model, HttpServletResponse response) {
		model.addAttribute("actionId", aid);
		ServeService.Submission submission = this.serve.submit(aid, user.getName(), answers(fields));
		if (submission.saved()) {
			return "redirect:/serve/" + aid + "?done";
		}
		if (!submission.available()) {
			return show(LearnerPage.unavailable(), Map.of(), null, model);
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return show(submission.page(), submission.form(), submission.error(), model);
	}

	private static String show(LearnerPage page, Map<String, String> typed, String error, Model model) {
		if (!page.available()) {
			return "learner-unavailable";
		}
		model.addAttribute("page", page);
		model.addAttribute("typed", typed);
		model.addAttribute("error", error);
		model.addAttribute("formAction", null);
		return "learner-page";
	}

	/**
	 * The question fields only ({@code q<id>}), first value each; anything else a form
	 * may carry (a row id, an email) is never read.
	 */
	static Map<String, String> answers(MultiValueMap<String, String> fields) {
		Map<String, String> answers = new LinkedHashMap<>();
		fields.forEach((name, values) -> {
			if (name.matches("q\\d{1,18}") && values != null && !values.isEmpty()) {
				answers.put(name, values.get(0));
			}
		});
		return answers;
	}

}
