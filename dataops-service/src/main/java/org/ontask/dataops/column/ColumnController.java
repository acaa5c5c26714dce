package org.ontask.dataops.column;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.TableStore;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The columns page: the list with add, derived and random column forms, and one page per
 * column to rename, describe, move, change type, mark as key, set allowed values, clone
 * or delete it. A refused operation shows its message with the page (status 400) and
 * changes nothing.
 */
@Controller
class ColumnController {

	private static final Map<String, String> DONE = Map.ofEntries(Map.entry("added", "The column was added."),
			Map.entry("renamed", "The column was renamed."), Map.entry("described", "The column was saved."),
			Map.entry("typed", "The column's type was changed."), Map.entry("keyed", "The key flag was changed."),
			Map.entry("moved", "The column was moved."), Map.entry("categories", "The allowed values were saved."),
			Map.entry("restricted", "The column is restricted to its current values."),
			Map.entry("cloned", "The column was copied."), Map.entry("deleted", "The column was deleted."));

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final ColumnService columns;

	private final ZoneId zone;

	ColumnController(WorkflowAccess workflows, TableStore store, ColumnService columns,
			@Value("${ontask.time-zone:UTC}") String zone) {
		this.workflows = workflows;
		this.store = store;
		this.columns = columns;
		this.zone = ZoneId.of(zone);
	}

	@GetMapping("/workflows/{id}/columns")
	String list(@PathVariable long id, @RequestParam(required = false) String done, Authentication user, Model model) {
		return listPage(id, user, model, done, null);
	}

	@GetMapping("/workflows/{id}/columns/{columnId}")
	String column(@PathVariable long id, @PathVariable long columnId, @RequestParam(required = false) String done,
			Authentication user, Model model) {
		return columnPage(id, columnId, user, model, done, null);
	}

	@PostMapping("/workflows/{id}/columns")
	String add(@PathVariable long id, @RequestParam String name, @RequestParam String type,
			@RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String initial,
			@RequestParam(defaultValue = "") String categories, @RequestParam(defaultValue = "0") int position,
			Authentication user, Model model, HttpServletResponse response) {
		open(id, user, model);
		try {
			DataColumn column = this.columns.add(id, new ColumnSpec(name, type(type), false, description), initial,
					split(categories), position, user.getName());
			return "redirect:/workflows/" + id + "/columns/" + column.id() + "?done=added";
		}
		catch (DataRejectedException ex) {
			response.setStatus(400);
			return listPage(id, user, model, null, ex.getMessage());
		}
	}

	@PostMapping("/workflows/{id}/columns/derived")
	String derived(@PathVariable long id, @RequestParam String name, @RequestParam String operation,
			@RequestParam(required = false) List<Long> operands, Authentication user, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		try {
			DataColumn column = this.columns.derive(id, name, DerivedOperation.of(operation), operands, user.getName());
			return "redirect:/workflows/" + id + "/columns/" + column.id() + "?done=added";
		}
		catch (DataRejectedException ex) {
			response.setStatus(400);
			return listPage(id, user, model, null, ex.getMessage());
		}
	}

	@PostMapping("/workflows/{id}/columns/random")
	String random(@PathVariable long id, @RequestParam String name, @RequestParam String values, Authentication user,
			Model model, HttpServletResponse response) {
		open(id, user, model);
		try {
			DataColumn column = this.columns.random(id, name, values, user.getName());
			return "redirect:/workflows/" + id + "/columns/" + column.id() + "?done=added";
		}
		catch (DataRejectedException ex) {
			response.setStatus(400);
			return listPage(id, user, model, null, ex.getMessage());
		}
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/rename")
	String rename(@PathVariable long id, @PathVariable long columnId, @RequestParam String name, Authentication user,
			Model model, HttpServletResponse response) {
		return run(id, columnId, user, model, response, "renamed",
				() -> this.columns.rename(id, columnId, name, user.getName()));
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/describe")
	String describe(@PathVariable long id, @PathVariable long columnId,
			@RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String activeFrom,
			@RequestParam(defaultValue = "") String activeTo, Authentication user, Model model,
			HttpServletResponse response) {
		return run(id, columnId, user, model, response, "described", () -> this.columns.describe(id, columnId,
				description, instant(activeFrom, "starts"), instant(activeTo, "ends")));
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/type")
	String type(@PathVariable long id, @PathVariable long columnId, @RequestParam String type, Authentication user,
			Model model, HttpServletResponse response) {
		return run(id, columnId, user, model, response, "typed",
				() -> this.columns.changeType(id, columnId, type(type), user.getName()));
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/key")
	String key(@PathVariable long id, @PathVariable long columnId, @RequestParam boolean key, Authentication user,
			Model model, HttpServletResponse response) {
		return run(id, columnId, user, model, response, "keyed", () -> this.columns.setKey(id, columnId, key));
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/move")
	String move(@PathVariable long id, @PathVariable long columnId, @RequestParam int position, Authentication user,
			Model model, HttpServletResponse response) {
		return run(id, columnId, user, model, response, "moved", () -> this.columns.move(id, columnId, position));
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/categories")
	String categories(@PathVariable long id, @PathVariable long columnId,
			@RequestParam(defaultValue = "") String values, Authentication user, Model model,
			HttpServletResponse response) {
		return run(id, columnId, user, model, response, "categories",
				() -> this.columns.setCategories(id, columnId, split(values)));
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/restrict")
	String restrict(@PathVariable long id, @PathVariable long columnId, Authentication user, Model model,
			HttpServletResponse response) {
		return run(id, columnId, user, model, response, "restricted", () -> this.columns.restrict(id, columnId));
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/clone")
	String copy(@PathVariable long id, @PathVariable long columnId, Authentication user, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		try {
			DataColumn copy = this.columns.copy(id, columnId, user.getName());
			return "redirect:/workflows/" + id + "/columns/" + copy.id() + "?done=cloned";
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			return columnPage(id, columnId, user, model, null, ex.getMessage());
		}
	}

	@PostMapping("/workflows/{id}/columns/{columnId}/delete")
	String delete(@PathVariable long id, @PathVariable long columnId, Authentication user, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		try {
			this.store.dropColumn(id, columnId, user.getName());
			return "redirect:/workflows/" + id + "/columns?done=deleted";
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			return columnPage(id, columnId, user, model, null, ex.getMessage());
		}
	}

	private String run(long id, long columnId, Authentication user, Model model, HttpServletResponse response,
			String done, Runnable operation) {
		open(id, user, model);
		try {
			operation.run();
			return "redirect:/workflows/" + id + "/columns/" + columnId + "?done=" + done;
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			return columnPage(id, columnId, user, model, null, ex.getMessage());
		}
	}

	private void open(long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
	}

	private String listPage(long id, Authentication user, Model model, String done, String error) {
		open(id, user, model);
		model.addAttribute("columns", this.store.columns(id));
		model.addAttribute("types", ColumnType.values());
		model.addAttribute("operations", DerivedOperation.values());
		model.addAttribute("done", (done != null) ? DONE.get(done) : null);
		model.addAttribute("error", error);
		return "columns";
	}

	private String columnPage(long id, long columnId, Authentication user, Model model, String done, String error) {
		open(id, user, model);
		List<DataColumn> all = this.store.columns(id);
		DataColumn column = all.stream()
			.filter((c) -> c.id() == columnId)
			.findFirst()
			.orElseThrow(() -> new DataRejectedException(org.springframework.http.HttpStatus.NOT_FOUND,
					"This table has no column " + columnId + "."));
		model.addAttribute("column", column);
		model.addAttribute("count", all.size());
		model.addAttribute("types", ColumnType.values());
		model.addAttribute("activeFrom", local(column.activeFrom()));
		model.addAttribute("activeTo", local(column.activeTo()));
		model.addAttribute("done", (done != null) ? DONE.get(done) : null);
		model.addAttribute("error", error);
		return "column";
	}

	private String local(Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant, this.zone).toString() : "";
	}

	private Instant instant(String local, String what) {
		if (local.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(local.strip()).atZone(this.zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new DataRejectedException("When the column " + what + " is not a date and time: '" + local + "'.");
		}
	}

	private static ColumnType type(String label) {
		try {
			return ColumnType.ofLabel(label);
		}
		catch (IllegalArgumentException ex) {
			throw new DataRejectedException(ex.getMessage());
		}
	}

	/** Allowed values one per line, or separated by commas. */
	private static List<String> split(String values) {
		String separator = values.contains("\n") ? "\\r?\\n" : ",";
		return Arrays.stream(values.split(separator)).map(String::strip).filter((v) -> !v.isEmpty()).toList();
	}

}
