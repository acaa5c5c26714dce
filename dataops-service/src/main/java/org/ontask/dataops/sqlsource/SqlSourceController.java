package org.ontask.dataops.sqlsource;

import java.nio.file.Path;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.upload.UploadWizard;
import org.ontask.dataops.upload.Uploads;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The SQL source of the upload wizard: the user's connections (list, create, edit,
 * delete) and a query form whose result continues in the wizard's column step. The
 * connections are the signed-in user's own, whichever workflow the pages are opened from.
 */
@Controller
class SqlSourceController {

	private final WorkflowAccess workflows;

	private final SqlConnections connections;

	private final SqlQueries queries;

	private final UploadWizard wizard;

	private final Uploads uploads;

	private final SecretCipher cipher;

	SqlSourceController(WorkflowAccess workflows, SqlConnections connections, SqlQueries queries, UploadWizard wizard,
			Uploads uploads, SecretCipher cipher) {
		this.workflows = workflows;
		this.connections = connections;
		this.queries = queries;
		this.wizard = wizard;
		this.uploads = uploads;
		this.cipher = cipher;
	}

	@GetMapping("/workflows/{id}/upload/sql")
	String list(@PathVariable long id, @RequestParam(required = false) Long edit, Authentication user, Model model) {
		open(id, user, model);
		listModel(user, model, (edit != null) ? this.connections.get(user.getName(), edit) : null);
		return "sql-connections";
	}

	@PostMapping("/workflows/{id}/upload/sql")
	String create(@PathVariable long id, SqlConnections.Form form, Authentication user, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		try {
			this.connections.create(user.getName(), form);
		}
		catch (DataRejectedException ex) {
			return refused(user, model, response, ex, null, form);
		}
		return "redirect:/workflows/" + id + "/upload/sql?saved";
	}

	@PostMapping("/workflows/{id}/upload/sql/{connection}")
	String update(@PathVariable long id, @PathVariable long connection, SqlConnections.Form form, Authentication user,
			Model model, HttpServletResponse response) {
		open(id, user, model);
		SqlConnection existing = this.connections.get(user.getName(), connection);
		try {
			this.connections.update(user.getName(), connection, form);
		}
		catch (DataRejectedException ex) {
			return refused(user, model, response, ex, existing, form);
		}
		return "redirect:/workflows/" + id + "/upload/sql?saved";
	}

	@PostMapping("/workflows/{id}/upload/sql/{connection}/delete")
	String delete(@PathVariable long id, @PathVariable long connection, Authentication user, Model model) {
		open(id, user, model);
		this.connections.delete(user.getName(), connection);
		return "redirect:/workflows/" + id + "/upload/sql?deleted";
	}

	@GetMapping("/workflows/{id}/upload/sql/{connection}/query")
	String queryForm(@PathVariable long id, @PathVariable long connection, Authentication user, Model model) {
		open(id, user, model);
		model.addAttribute("connection", this.connections.get(user.getName(), connection));
		model.addAttribute("query", "");
		return "sql-query";
	}

	@PostMapping("/workflows/{id}/upload/sql/{connection}/query")
	String query(@PathVariable long id, @PathVariable long connection, @RequestParam(defaultValue = "") String query,
			Authentication user, HttpSession session, Model model, HttpServletResponse response) {
		open(id, user, model);
		SqlConnection target = this.connections.get(user.getName(), connection);
		model.addAttribute("connection", target);
		model.addAttribute("query", query);
		Path file = null;
		try {
			file = this.queries.run(target, this.connections.password(user.getName(), connection), query);
			this.wizard.startWithCsv(id, user.getName(), file, "SQL: " + target.name(), session);
		}
		catch (DataRejectedException ex) {
			this.uploads.discard(file);
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("error", ex.getReason());
			return "sql-query";
		}
		return "redirect:/workflows/" + id + "/upload/columns";
	}

	private String refused(Authentication user, Model model, HttpServletResponse response, DataRejectedException ex,
			SqlConnection editing, SqlConnections.Form form) {
		response.setStatus(ex.getStatusCode().value());
		model.addAttribute("error", ex.getReason());
		listModel(user, model, editing);
		// what was typed comes back, except the password
		model.addAttribute("form", new SqlConnections.Form(form.name(), form.url(), form.user(), ""));
		return "sql-connections";
	}

	private void listModel(Authentication user, Model model, SqlConnection editing) {
		model.addAttribute("connections", this.connections.of(user.getName()));
		model.addAttribute("editing", editing);
		model.addAttribute("form",
				(editing != null) ? new SqlConnections.Form(editing.name(), editing.jdbcUrl(), editing.user(), "")
						: new SqlConnections.Form("", "jdbc:postgresql://", "", ""));
		model.addAttribute("keyAvailable", this.cipher.available());
	}

	private void open(long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
	}

}
