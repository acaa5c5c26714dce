package org.ontask.dataops.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.MergeHow;
import org.ontask.dataops.store.MergeOutcome;
import org.ontask.dataops.store.TableStore;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The upload wizard of a workflow: (a) the file and how to read it, (b+c) a preview of
 * the first rows with inferred types and key candidates, where columns are chosen,
 * renamed, retyped and marked as keys, then for a workflow that has a table the choice to
 * replace it or merge into it, and (d) a confirmation showing what will happen (for a
 * merge, the exact outcome computed in a rolled-back transaction). The file waits in the
 * temp area between steps, bound to the user's session.
 */
@Controller
class UploadController {

	private static final String STATE = UploadWizard.STATE;

	private final WorkflowAccess workflows;

	private final Uploads uploads;

	private final TableStore store;

	UploadController(WorkflowAccess workflows, Uploads uploads, TableStore store) {
		this.workflows = workflows;
		this.uploads = uploads;
		this.store = store;
	}

	@GetMapping("/workflows/{id}/upload")
	String form(@PathVariable long id, Authentication user, Model model) {
		open(id, user, model);
		model.addAttribute("hasTable", this.store.exists(id));
		return "upload";
	}

	@PostMapping("/workflows/{id}/upload")
	String upload(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "csv") String format, @RequestParam(defaultValue = "") String delimiter,
			@RequestParam(defaultValue = "0") int skipTop, @RequestParam(defaultValue = "0") int skipBottom,
			@RequestParam(defaultValue = "") String sheet, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) throws IOException {
		open(id, user, model);
		model.addAttribute("hasTable", this.store.exists(id));
		discard(id, session);
		if (file == null || file.isEmpty()) {
			return refused(model, response, "Choose a file to upload; an empty file cannot be loaded.");
		}
		Path saved;
		try (InputStream in = file.getInputStream()) {
			saved = this.uploads.spool(in);
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("error", ex.getReason());
			return "upload";
		}
		try {
			UploadState state = new UploadState(user.getName(), saved.toString(), file.getOriginalFilename(),
					UploadFormat.of(format), delimiter(delimiter), Math.max(0, skipTop), Math.max(0, skipBottom),
					sheet.isBlank() ? null : sheet, null, false, "outer", null, null);
			this.uploads.inspect(saved, state.options());
			session.setAttribute(STATE + id, state.toJson());
			return "redirect:/workflows/" + id + "/upload/columns";
		}
		catch (DataRejectedException ex) {
			this.uploads.discard(saved);
			return refused(model, response, ex.getReason());
		}
	}

	@GetMapping("/workflows/{id}/upload/columns")
	String columns(@PathVariable long id, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		UploadState state = state(id, user, session);
		if (state == null) {
			return "redirect:/workflows/" + id + "/upload";
		}
		Inspection inspection;
		try {
			inspection = this.uploads.inspect(Path.of(state.file()), state.options());
		}
		catch (DataRejectedException ex) {
			discard(id, session);
			model.addAttribute("hasTable", this.store.exists(id));
			return refused(model, response, ex.getReason());
		}
		List<ColumnChoice> choices = (state.choices() != null) ? state.choices()
				: this.uploads.defaultChoices(inspection, List.of());
		model.addAttribute("state", state);
		model.addAttribute("inspection", inspection);
		model.addAttribute("columnRows", columnRows(inspection, choices));
		model.addAttribute("types", ColumnType.values());
		return "upload-columns";
	}

	@PostMapping("/workflows/{id}/upload/columns")
	String chooseColumns(@PathVariable long id, @RequestParam Map<String, String> form, Authentication user,
			HttpSession session, Model model, HttpServletResponse response) {
		open(id, user, model);
		UploadState state = state(id, user, session);
		if (state == null) {
			return "redirect:/workflows/" + id + "/upload";
		}
		Inspection inspection = this.uploads.inspect(Path.of(state.file()), state.options());
		List<ColumnChoice> choices = new ArrayList<>();
		for (int i = 0; i < inspection.header().size(); i++) {
			if (form.containsKey("load_" + i)) {
				String name = form.getOrDefault("name_" + i, inspection.header().get(i));
				ColumnType type = ColumnType.ofLabel(form.getOrDefault("type_" + i, inspection.types().get(i).label()));
				choices.add(new ColumnChoice(i, name.isBlank() ? inspection.header().get(i) : name.strip(), type,
						form.containsKey("key_" + i)));
			}
		}
		session.setAttribute(STATE + id, state.withChoices(choices).toJson());
		if (choices.isEmpty()) {
			model.addAttribute("state", state);
			model.addAttribute("inspection", inspection);
			model.addAttribute("columnRows",
					columnRows(inspection, this.uploads.defaultChoices(inspection, List.of())));
			model.addAttribute("types", ColumnType.values());
			return refused(model, response, "Choose at least one column to load.", "upload-columns");
		}
		return this.store.exists(id) ? "redirect:/workflows/" + id + "/upload/merge"
				: "redirect:/workflows/" + id + "/upload/confirm";
	}

	@GetMapping("/workflows/{id}/upload/merge")
	String mergeForm(@PathVariable long id, Authentication user, HttpSession session, Model model) {
		open(id, user, model);
		UploadState state = state(id, user, session);
		if (state == null || state.choices() == null) {
			return "redirect:/workflows/" + id + "/upload";
		}
		mergeModel(id, state, model);
		return "upload-merge";
	}

	@PostMapping("/workflows/{id}/upload/merge")
	String chooseMerge(@PathVariable long id, @RequestParam(defaultValue = "merge") String mode,
			@RequestParam(defaultValue = "outer") String how, @RequestParam(required = false) String leftKey,
			@RequestParam(required = false) String rightKey, Authentication user, HttpSession session, Model model) {
		open(id, user, model);
		UploadState state = state(id, user, session);
		if (state == null || state.choices() == null) {
			return "redirect:/workflows/" + id + "/upload";
		}
		boolean merge = "merge".equals(mode);
		session.setAttribute(STATE + id,
				state.withMerge(merge, MergeHow.of(how).name().toLowerCase(), leftKey, rightKey).toJson());
		return "redirect:/workflows/" + id + "/upload/confirm";
	}

	@GetMapping("/workflows/{id}/upload/confirm")
	String confirmForm(@PathVariable long id, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		UploadState state = state(id, user, session);
		if (state == null || state.choices() == null) {
			return "redirect:/workflows/" + id + "/upload";
		}
		model.addAttribute("state", state);
		if (state.merge()) {
			try {
				MergeOutcome outcome = this.uploads.merge(id, Path.of(state.file()), state.options(), state.choices(),
						nonNull(state.leftKey()), nonNull(state.rightKey()), MergeHow.of(state.how()), user.getName(),
						true);
				model.addAttribute("outcome", outcome);
			}
			catch (DataRejectedException ex) {
				response.setStatus(ex.getStatusCode().value());
				model.addAttribute("error", ex.getReason());
			}
		}
		else if (state.choices().stream().noneMatch(ColumnChoice::key)) {
			response.setStatus(400);
			model.addAttribute("error", "No column is marked as key: a table needs at least one column whose values "
					+ "are all present and different. Go back and mark one.");
		}
		return "upload-confirm";
	}

	@PostMapping("/workflows/{id}/upload/confirm")
	String confirm(@PathVariable long id, Authentication user, HttpSession session, Model model,
			HttpServletResponse response) {
		open(id, user, model);
		UploadState state = state(id, user, session);
		if (state == null || state.choices() == null) {
			return "redirect:/workflows/" + id + "/upload";
		}
		model.addAttribute("state", state);
		try {
			if (state.merge()) {
				this.uploads.merge(id, Path.of(state.file()), state.options(), state.choices(),
						nonNull(state.leftKey()), nonNull(state.rightKey()), MergeHow.of(state.how()), user.getName(),
						false);
			}
			else {
				this.uploads.replace(id, Path.of(state.file()), state.options(), state.choices(), user.getName());
			}
		}
		catch (DataRejectedException ex) {
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("error", ex.getReason());
			return "upload-confirm";
		}
		discard(id, session);
		return "redirect:/workflows/" + id + "/table?loaded=" + (state.merge() ? "merged" : "replaced");
	}

	@PostMapping("/workflows/{id}/upload/cancel")
	String cancel(@PathVariable long id, Authentication user, HttpSession session, Model model) {
		open(id, user, model);
		discard(id, session);
		return "redirect:/workflows/" + id + "/table";
	}

	private static List<ColumnRow> columnRows(Inspection inspection, List<ColumnChoice> choices) {
		List<ColumnRow> rows = new ArrayList<>();
		for (int i = 0; i < inspection.header().size(); i++) {
			int index = i;
			ColumnChoice choice = choices.stream().filter((c) -> c.source() == index).findFirst().orElse(null);
			rows.add(new ColumnRow(i, inspection.header().get(i), choice != null,
					(choice != null) ? choice.name() : inspection.header().get(i),
					(choice != null) ? choice.type() : inspection.types().get(i), choice != null && choice.key()));
		}
		return rows;
	}

	/**
	 * One line of the column form.
	 *
	 * @param index the column's index in the file
	 * @param header its name in the file
	 * @param load whether it is loaded
	 * @param name the name it gets
	 * @param type the type it gets
	 * @param key whether it is a key
	 */
	record ColumnRow(int index, String header, boolean load, String name, ColumnType type, boolean key) {

	}

	private void mergeModel(long id, UploadState state, Model model) {
		List<DataColumn> keys = this.store.columns(id).stream().filter(DataColumn::key).toList();
		model.addAttribute("state", state);
		model.addAttribute("tableKeys", keys);
		model.addAttribute("methods", List.of("outer", "inner", "left", "right"));
	}

	private void open(long id, Authentication user, Model model) {
		model.addAttribute("workflowId", id);
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
	}

	private UploadState state(long id, Authentication user, HttpSession session) {
		Object json = session.getAttribute(STATE + id);
		if (!(json instanceof String text)) {
			return null;
		}
		UploadState state = UploadState.fromJson(text);
		if (!user.getName().equals(state.userEmail()) || !this.uploads.isTempFile(Path.of(state.file()))) {
			session.removeAttribute(STATE + id);
			return null;
		}
		return state;
	}

	private void discard(long id, HttpSession session) {
		Object json = session.getAttribute(STATE + id);
		if (json instanceof String text) {
			Path file = Path.of(UploadState.fromJson(text).file());
			if (this.uploads.isTempFile(file)) {
				this.uploads.discard(file);
			}
			session.removeAttribute(STATE + id);
		}
	}

	private static String refused(Model model, HttpServletResponse response, String message) {
		return refused(model, response, message, "upload");
	}

	private static String refused(Model model, HttpServletResponse response, String message, String view) {
		response.setStatus(400);
		model.addAttribute("error", message);
		return view;
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

	private static Character delimiter(String text) {
		return switch (text) {
			case "," -> ',';
			case ";" -> ';';
			case "tab", "\t" -> '\t';
			case "|" -> '|';
			default -> null;
		};
	}

}
