package org.ontask.auth.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.ontask.auth.user.AccountImport;
import org.ontask.auth.user.ImportRefusedException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /admin/users/import}: accounts from a column of emails in a CSV file, as
 * learners or instructors, with a dry run that only reports what would happen.
 */
@Controller
class ImportAdminController {

	private final AccountImport accountImport;

	ImportAdminController(AccountImport accountImport) {
		this.accountImport = accountImport;
	}

	@GetMapping("/admin/users/import")
	String form(Model model) {
		model.addAttribute("column", "email");
		return "admin-import";
	}

	@PostMapping("/admin/users/import")
	String upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "email") String column,
			@RequestParam(defaultValue = "false") boolean instructors,
			@RequestParam(defaultValue = "false") boolean dryRun, Model model, HttpServletResponse response)
			throws IOException {
		model.addAttribute("column", column);
		model.addAttribute("instructors", instructors);
		model.addAttribute("dryRun", dryRun);
		if (file == null || file.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("error", "Choose a CSV file to upload.");
			return "admin-import";
		}
		try {
			model.addAttribute("report", this.accountImport.run(file.getBytes(), column, instructors, dryRun));
		}
		catch (ImportRefusedException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("error", ex.getReason());
		}
		return "admin-import";
	}

}
