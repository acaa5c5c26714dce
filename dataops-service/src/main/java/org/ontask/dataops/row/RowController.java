package org.ontask.dataops.row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.RowPage;
import org.ontask.dataops.store.TableStore;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * View, add, edit and delete one row of the table. Form fields are named
 * {@code c<columnId>}; every value is type-checked, and a refused one is shown with the
 * form as it was submitted (the row unchanged).
 */
@Controller
class RowController {

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final RowService rows;

	RowController(WorkflowAccess workflows, TableStore store, RowService rows) {
		this.workflows = workflows;
		this.store = store;
		this.rows = rows;
	}

	@GetMapping("/workflows/{id}/table/rows/new")
	String newRow(@PathVariable long id, Authentication user, Model model) {
		open(id, user, model);
		List<DataColumn> columns = this.store.columns(id);
		Map<Long, String> texts = new HashMap<>();
		return form(model, columns, texts, null, null);
	}

	@PostMapping("/workflows/{id}/table/rows/new")
	String add(@PathVariable long id, @RequestParam Map<String, String> form, Authentication user, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		List<DataColumn> columns = this.store.columns(id);
		Map<Long, String> texts = texts(columns, form);
		try {
			long rowId = this.rows.insert(id, this.rows.parse(columns, texts), user.getName());
			return "redirect:/workflows/" + id + "/table/rows/" + rowId + "?saved";
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			return form(model, columns, texts, null, ex.getMessage());
		}
	}

	@GetMapping("/workflows/{id}/table/rows/{rowId}")
	String row(@PathVariable long id, @PathVariable long rowId, @RequestParam(required = false) String saved,
			Authentication user, Model model) {
		open(id, user, model);
		RowPage page = this.rows.row(id, rowId);
		Map<Long, String> texts = new HashMap<>();
		for (int i = 0; i < page.columns().size(); i++) {
			texts.put(page.columns().get(i).id(), this.rows.text(page.rows().get(0).values().get(i)));
		}
		if (saved != null) {
			model.addAttribute("done", "The row was saved.");
		}
		return form(model, page.columns(), texts, rowId, null);
	}

	@PostMapping("/workflows/{id}/table/rows/{rowId}")
	String save(@PathVariable long id, @PathVariable long rowId, @RequestParam Map<String, String> form,
			Authentication user, Model model, HttpServletResponse response) {
		open(id, user, model);
		List<DataColumn> columns = this.rows.row(id, rowId).columns();
		Map<Long, String> texts = texts(columns, form);
		try {
			this.rows.update(id, rowId, this.rows.parse(columns, texts), user.getName());
			return "redirect:/workflows/" + id + "/table/rows/" + rowId + "?saved";
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			return form(model, columns, texts, rowId, ex.getMessage());
		}
	}

	@PostMapping("/workflows/{id}/table/rows/{rowId}/delete")
	String delete(@PathVariable long id, @PathVariable long rowId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		this.rows.delete(id, rowId, user.getName());
		return "redirect:/workflows/" + id + "/table";
	}

	private void open(long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
	}

	private static Map<Long, String> texts(List<DataColumn> columns, Map<String, String> form) {
		Map<Long, String> texts = new LinkedHashMap<>();
		for (DataColumn column : columns) {
			String text = form.get("c" + column.id());
			if (text != null) {
				texts.put(column.id(), text);
			}
		}
		return texts;
	}

	private String form(Model model, List<DataColumn> columns, Map<Long, String> texts, Long rowId, String error) {
		if (columns.isEmpty()) {
			throw new DataRejectedException(HttpStatus.NOT_FOUND, "This workflow has no table yet.");
		}
		List<Field> fields = new ArrayList<>();
		for (DataColumn column : columns) {
			fields.add(new Field(column, texts.getOrDefault(column.id(), "")));
		}
		model.addAttribute("fields", fields);
		model.addAttribute("rowId", rowId);
		model.addAttribute("error", error);
		return "row";
	}

	/**
	 * One input of the row form.
	 *
	 * @param column the column
	 * @param text the value as text
	 */
	record Field(DataColumn column, String text) {

		/**
		 * The form field's name.
		 * @return {@code c<columnId>}
		 */
		public String name() {
			return "c" + this.column.id();
		}

	}

}
