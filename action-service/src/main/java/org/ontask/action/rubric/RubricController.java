package org.ontask.action.rubric;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.action.action.ActionService;
import org.ontask.action.preview.RubricCells;
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
 * The rubric editor of a rubric action: one row per criterion, one cell per level with
 * its description and feedback. The form names criteria by position ({@code c0},
 * {@code c1}...; the column name travels in a hidden field, so any name works) and cells
 * by criterion and level ({@code d0_1}, {@code f0_1}). Adding or removing a criterion
 * saves what was typed too.
 */
@Controller
class RubricController {

	private final RubricEditor editor;

	private final ActionService actions;

	RubricController(RubricEditor editor, ActionService actions) {
		this.editor = editor;
		this.actions = actions;
	}

	@GetMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/rubric")
	String page(@PathVariable long id, @PathVariable long aid, @RequestParam(required = false) String done,
			Authentication user, HttpSession session, Model model) {
		model.addAttribute("done", done);
		return show(id, aid, user, session, model, null);
	}

	private String show(long id, long aid, Authentication user, HttpSession session, Model model, String extra) {
		OnTaskSession.openWorkflow(session, id, this.actions.workflowName(id, user.getName()));
		RubricEditor.Grid grid = this.editor.grid(id, aid, user.getName(), extra);
		model.addAttribute("workflowId", id);
		model.addAttribute("action", grid.action());
		model.addAttribute("grid", grid);
		return "rubric";
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/rubric")
	String save(@PathVariable long id, @PathVariable long aid, @RequestParam MultiValueMap<String, String> form,
			Authentication user, HttpSession session, Model model, HttpServletResponse response) {
		String remove = form.getFirst("remove");
		String add = form.getFirst("add");
		List<RubricCells.Cell> cells = new ArrayList<>();
		for (int c = 0; form.containsKey("c" + c); c++) {
			String criterion = form.getFirst("c" + c);
			if (criterion == null || criterion.equals(remove)) {
				continue;
			}
			for (String key : form.keySet()) {
				if (key.startsWith("f" + c + "_")) {
					int level = level(key.substring(("f" + c + "_").length()));
					String description = form.getFirst("d" + c + "_" + level);
					cells.add(new RubricCells.Cell(criterion, level, (description != null) ? description.strip() : "",
							form.getFirst(key).strip()));
				}
			}
		}
		if (add != null && !add.isBlank()) {
			// a new criterion starts with empty cells: its first level holds it in the
			// table until its feedback is written
			cells.add(new RubricCells.Cell(add, 0, "", ""));
		}
		try {
			this.editor.save(id, aid, user.getName(), cells);
		}
		catch (ResponseStatusException ex) {
			if (ex.getStatusCode().value() != 400) {
				throw ex;
			}
			response.setStatus(400);
			model.addAttribute("error", ex.getReason());
			return show(id, aid, user, session, model, null);
		}
		return "redirect:/workflows/" + id + "/actions/" + aid + "/rubric?done=saved";
	}

	private static int level(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw RubricEditor.refused("\"" + text + "\" is not a level.");
		}
	}

}
