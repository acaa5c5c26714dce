package org.ontask.action.importing;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataopsRefusedException;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /workflows/{id}/actions/import}: upload an action export file, or add a
 * ready-made survey (also offered on the actions page). A refusal shows the import page
 * again with the reason; an import that works opens the new action (or the list).
 */
@Controller
class ImportController {

	private final ActionImport imports;

	private final ActionService actions;

	ImportController(ActionImport imports, ActionService actions) {
		this.imports = imports;
		this.actions = actions;
	}

	@GetMapping("/workflows/{id:\\d+}/actions/import")
	String page(@PathVariable long id, Authentication user, HttpSession session, Model model) {
		model(id, user, session, model);
		return "actions-import";
	}

	@PostMapping("/workflows/{id:\\d+}/actions/import")
	String upload(@PathVariable long id, @RequestParam(required = false) MultipartFile file, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		return run(id, user, session, model, response, () -> {
			if (file == null || file.isEmpty()) {
				throw new ImportRefusedException("Choose an action export file (.gz) to import.");
			}
			try (InputStream in = file.getInputStream()) {
				return this.imports.importFile(id, user.getName(), in);
			}
			catch (IOException ex) {
				throw new ImportRefusedException("The file could not be received; try again.");
			}
		});
	}

	@PostMapping("/workflows/{id:\\d+}/actions/catalogue/{key}")
	String catalogue(@PathVariable long id, @PathVariable String key, Authentication user, HttpSession session,
			Model model, HttpServletResponse response) {
		return run(id, user, session, model, response, () -> this.imports.importCatalogue(id, user.getName(), key));
	}

	private String run(long id, Authentication user, HttpSession session, Model model, HttpServletResponse response,
			Supplier<ImportResult> work) {
		try {
			ImportResult result = work.get();
			if (result.actions().size() == 1) {
				return "redirect:/workflows/" + id + "/actions/" + result.actions().get(0).id() + "?done=imported";
			}
			return "redirect:/workflows/" + id + "/actions?imported=" + result.actions().size();
		}
		catch (ImportRefusedException | DataopsRefusedException ex) {
			return refused(id, user, session, model, response, ex);
		}
	}

	private String refused(long id, Authentication user, HttpSession session, Model model, HttpServletResponse response,
			ResponseStatusException ex) {
		response.setStatus(ex.getStatusCode().value());
		model(id, user, session, model);
		model.addAttribute("importError", ex.getReason());
		return "actions-import";
	}

	private void model(long id, Authentication user, HttpSession session, Model model) {
		String workflowName = this.actions.workflowName(id, user.getName());
		OnTaskSession.openWorkflow(session, id, workflowName);
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", workflowName);
		model.addAttribute("catalogue", SurveyCatalogue.ENTRIES);
	}

}
