package org.ontask.action.zip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.Selection;
import org.ontask.action.preview.MessageRenderer;
import org.ontask.action.template.TemplateException;
import org.ontask.action.template.ValueText;

import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the ZIP of an action: one HTML file per learner its filter selects (minus the
 * excluded ones), rendered by {@link MessageRenderer} as runs and previews do. Each file
 * is named from the values of the same row whose text it holds, so names always belong to
 * the right learner, whatever the filter and exclusions. Learners are read page by page
 * and each file goes out as soon as it is rendered: the ZIP is never held in memory.
 */
@Service
public class ZipExport {

	static final int PAGE = 200;

	private final ActionService actions;

	private final DataopsClient dataops;

	private final MessageRenderer renderer;

	ZipExport(ActionService actions, DataopsClient dataops, MessageRenderer renderer) {
		this.actions = actions;
		this.dataops = dataops;
		this.renderer = renderer;
	}

	/**
	 * Checks everything before the first byte is sent.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @param request the export's settings
	 * @return the export, ready to write
	 * @throws InvalidZipException with a message naming what is wrong
	 */
	public Plan plan(long workflowId, long actionId, String email, ZipRequest request) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		if (!action.type().equals("personalized_text") && !action.type().equals("rubric_text")) {
			throw new InvalidZipException("Only personalised texts and rubrics can be exported as a ZIP.");
		}
		if (!action.warnings().isEmpty()) {
			throw new InvalidZipException("The texts cannot be produced: " + String.join(" ", action.warnings()));
		}
		List<DataColumn> columns = this.dataops.columns(workflowId);
		String key = (request.keyColumn() != null) ? request.keyColumn().strip() : "";
		String name = (request.nameColumn() != null) ? request.nameColumn().strip() : "";
		if (key.isEmpty()) {
			throw new InvalidZipException("Choose the column whose values start the file names.");
		}
		for (String column : (name.isEmpty()) ? List.of(key) : List.of(key, name)) {
			if (columns.stream().noneMatch((c) -> c.name().equals(column))) {
				throw new InvalidZipException("There is no column \"" + column + "\" in the table.");
			}
		}
		if (request.moodle()) {
			if (name.isEmpty() || name.equals(key)) {
				throw new InvalidZipException("Moodle feedback files need two different columns: the participant "
						+ "column (values like \"Participant 123\") and the full-name column.");
			}
		}
		MessageRenderer.Prepared prepared;
		try {
			prepared = this.renderer.prepare(action, columns);
		}
		catch (TemplateException ex) {
			throw new InvalidZipException("The texts cannot be produced: " + ex.getMessage());
		}
		List<String> wanted = new ArrayList<>(prepared.columnsUsed());
		for (String column : (name.isEmpty()) ? List.of(key) : List.of(key, name)) {
			if (!wanted.contains(column)) {
				wanted.add(column);
			}
		}
		Set<String> exclude = new HashSet<>();
		if (request.exclude() != null) {
			request.exclude().stream().map(String::strip).filter((e) -> !e.isEmpty()).forEach(exclude::add);
		}
		Plan plan = new Plan(action, prepared, wanted, key, name, request.suffix(), request.moodle(), exclude);
		long total = this.dataops.selection(workflowId, ActionService.selectionOf(action, List.of(), 0, 0)).total();
		if (total == 0) {
			throw new InvalidZipException(
					"Nobody is selected: the filter selects no learner, so there is nothing " + "to export.");
		}
		if (request.moodle()) {
			checkParticipants(plan);
		}
		return plan;
	}

	/** Moodle matches each file to a submission by the participant number. */
	private void checkParticipants(Plan plan) {
		int offset = 0;
		long total;
		do {
			Selection page = this.dataops.selection(plan.action().workflowId(),
					ActionService.selectionOf(plan.action(), List.of(plan.keyColumn()), offset, PAGE));
			total = page.total();
			for (int i = 0; i < page.rows().size(); i++) {
				String value = ValueText.of(page.rows().get(i).values().get(plan.keyColumn())).strip();
				if (!plan.exclude().contains(value) && !ZipFileNames.PARTICIPANT.matcher(value).matches()) {
					throw new InvalidZipException("Moodle feedback files need values like \"Participant 123\" in the "
							+ "column \"" + plan.keyColumn() + "\"; learner " + (offset + i + 1) + " has \""
							+ abbreviated(value) + "\".");
				}
			}
			offset += PAGE;
		}
		while (offset < total);
	}

	/**
	 * Writes the ZIP.
	 * @param plan the checked export
	 * @param out where to write it; not closed
	 * @return how many files it holds
	 * @throws IOException when the client goes away
	 */
	public int write(Plan plan, OutputStream out) throws IOException {
		ZipFileNames names = new ZipFileNames(plan.suffix(), plan.moodle(), !plan.nameColumn().isEmpty());
		List<String> problems = new ArrayList<>();
		int files = 0;
		ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		int offset = 0;
		long total;
		do {
			Selection page = this.dataops.selection(plan.action().workflowId(),
					ActionService.selectionOf(plan.action(), plan.columns(), offset, PAGE));
			total = page.total();
			for (Selection.Row row : page.rows()) {
				String key = ValueText.of(row.values().get(plan.keyColumn())).strip();
				if (plan.exclude().contains(key)) {
					continue;
				}
				String name = plan.nameColumn().isEmpty() ? ""
						: ValueText.of(row.values().get(plan.nameColumn())).strip();
				String file = names.next(key, name);
				MessageRenderer.Message message;
				try {
					message = plan.prepared().render(row);
				}
				catch (TemplateException ex) {
					problems.add(file + ": " + ex.getMessage());
					continue;
				}
				zip.putNextEntry(new ZipEntry(file));
				zip.write(document(message).getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
				files++;
			}
			offset += PAGE;
		}
		while (offset < total);
		if (!problems.isEmpty()) {
			zip.putNextEntry(new ZipEntry("ontask_problems.txt"));
			zip.write(("These learners' texts could not be produced:\n" + String.join("\n", problems) + "\n")
				.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		zip.finish();
		zip.flush();
		return files;
	}

	static String document(MessageRenderer.Message message) {
		return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(message.subject())
				+ "</title></head>\n<body>\n" + message.html() + "\n</body></html>\n";
	}

	private static String abbreviated(String value) {
		return (value.length() > 60) ? value.substring(0, 57) + "..." : value;
	}

	/**
	 * A checked export.
	 *
	 * @param action the action
	 * @param prepared its compiled templates
	 * @param columns the columns to read for each learner
	 * @param keyColumn the column starting each file name
	 * @param nameColumn the second column of the names, empty for none
	 * @param suffix the file-name suffix as given
	 * @param moodle whether names follow Moodle's feedback files
	 * @param exclude key values to leave out
	 */
	public record Plan(ActionResponse action, MessageRenderer.Prepared prepared, List<String> columns, String keyColumn,
			String nameColumn, String suffix, boolean moodle, Set<String> exclude) {

	}

}
