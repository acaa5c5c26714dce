package org.ontask.action.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;

import org.ontask.action.action.ActionAttachment;
import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataView;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.DataopsViews;
import org.ontask.action.dataops.Selection;
import org.ontask.action.dataops.SelectionRequest;
import org.ontask.platform.csv.CsvCells;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The CSV files of the views an email report sends (the original's "attachments"). Each
 * chosen view is read from dataops when the report goes out: its columns, over the
 * learners its own filter and the action's filter both select (the original applies the
 * action's filter to attachments; a view's rows are what the instructor knows as the
 * view, so its filter applies too). The rows come page by page through the selection API
 * and are written straight to a temporary file, so a large view never sits in memory as
 * text.
 * <p>
 * The file is what dataops' CSV download writes: a header of the column names, UTF-8, RFC
 * 4180 quoting, numbers and times as dataops writes them, and text a spreadsheet would
 * run as a formula (starting with {@code = + - @}, tab or carriage return) prefixed with
 * a single quote.
 */
@Component
class ReportAttachments {

	/** Rows asked of dataops at a time (it answers up to 10,000). */
	static final int PAGE = 1_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ActionService actions;

	private final DataopsViews views;

	private final DataopsClient dataops;

	ReportAttachments(ActionService actions, DataopsViews views, DataopsClient dataops) {
		this.actions = actions;
		this.views = views;
		this.dataops = dataops;
	}

	/**
	 * Writes the files of an email report's views. A view deleted since it was chosen is
	 * left out and named in {@link Written#warning()}.
	 * @param action the email report
	 * @param email the user the run acts for
	 * @return the files, to be closed (deleted) once the email has gone
	 * @throws org.ontask.action.dataops.DataopsUnavailableException when dataops cannot
	 * be reached
	 */
	Written write(ActionResponse action, String email) {
		List<ActionAttachment> chosen = this.actions.attachments(action.workflowId(), action.id(), email);
		Written written = new Written();
		try {
			Set<String> names = new HashSet<>();
			for (ActionAttachment attachment : chosen) {
				Optional<DataView> view = this.views.find(action.workflowId(), attachment.viewId());
				if (view.isEmpty()) {
					written.gone.add(attachment.viewName());
					continue;
				}
				Path file = Files.createTempFile("ontask-view-", ".csv");
				written.files.add(new File(fileName(view.get().name(), names), file));
				writeCsv(file, action, view.get());
			}
			return written;
		}
		catch (IOException ex) {
			written.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			written.close();
			throw ex;
		}
	}

	private void writeCsv(Path file, ActionResponse action, DataView view) throws IOException {
		JsonNode filter = both(view.filter(), action.filterText().isEmpty() ? null : action.filter());
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			record(out, view.columns().stream().map(CsvCells::neutralise).toList());
			List<String> cells = new ArrayList<>(view.columns().size());
			long total;
			int offset = 0;
			do {
				Selection page = this.dataops.selection(action.workflowId(),
						new SelectionRequest(filter, Map.of(), view.columns(), offset, PAGE));
				total = page.total();
				for (Selection.Row row : page.rows()) {
					cells.clear();
					for (String column : view.columns()) {
						cells.add(CsvCells.cell(row.values().get(column)));
					}
					record(out, cells);
				}
				if (page.rows().isEmpty()) {
					// the table shrank while it was read: what was read is the file
					break;
				}
				offset += page.rows().size();
			}
			while (offset < total);
		}
	}

	/** Both filters must hold; either may be absent (every learner). */
	static JsonNode both(JsonNode viewFilter, JsonNode actionFilter) {
		if (viewFilter == null) {
			return actionFilter;
		}
		if (actionFilter == null) {
			return viewFilter;
		}
		ObjectNode and = JSON.createObjectNode();
		and.put("condition", "AND");
		and.put("not", false);
		and.put("valid", true);
		ArrayNode rules = and.putArray("rules");
		rules.add(viewFilter);
		rules.add(actionFilter);
		return and;
	}

	/**
	 * One CSV record, RFC 4180: a field with a comma, a quote or a line break is quoted.
	 */
	static void record(Writer out, List<String> fields) throws IOException {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			String field = fields.get(i);
			if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
					|| field.indexOf('\r') >= 0) {
				out.write('"');
				out.write(field.replace("\"", "\"\""));
				out.write('"');
			}
			else {
				out.write(field);
			}
		}
		out.write("\r\n");
	}

	/**
	 * A file name for a view: letters, digits, spaces and {@code . _ - ( )} kept,
	 * anything else (path separators, quotes, control characters) replaced, at most 100
	 * characters, {@code .csv} added, and a number added when two views come to the same
	 * name.
	 */
	static String fileName(String viewName, Set<String> taken) {
		String base = viewName.replaceAll("[^\\p{L}\\p{N} ._()-]+", "_").replaceAll("\\s+", " ").strip();
		// no hidden or relative names
		base = base.replaceAll("^[. ]+", "");
		if (base.length() > 100) {
			base = base.substring(0, 100).strip();
		}
		if (base.isEmpty()) {
			base = "view";
		}
		String name = base + ".csv";
		for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
			name = base + " (" + n + ").csv";
		}
		return name;
	}

	/**
	 * One written file.
	 *
	 * @param name the attachment's file name
	 * @param path where it is
	 */
	record File(String name, Path path) {
	}

	/** The files of one report, deleted on close. */
	static final class Written implements AutoCloseable {

		private final List<File> files = new ArrayList<>();

		private final List<String> gone = new ArrayList<>();

		List<File> files() {
			return this.files;
		}

		/**
		 * Attaches the files to an email.
		 * @param helper the email's helper, in multipart mode
		 * @throws MessagingException when an attachment cannot be added
		 */
		void addTo(MimeMessageHelper helper) throws MessagingException {
			for (File file : this.files) {
				helper.addAttachment(file.name(), new FileSystemResource(file.path()), "text/csv; charset=UTF-8");
			}
		}

		/**
		 * What the run's report says about views that are gone.
		 * @return the warning, null when every view was there
		 */
		String warning() {
			if (this.gone.isEmpty()) {
				return null;
			}
			StringBuilder warning = new StringBuilder("Sent without ");
			warning.append((this.gone.size() == 1) ? "an attachment: " : "some attachments: ");
			for (int i = 0; i < this.gone.size(); i++) {
				warning.append((i > 0) ? "; " : "").append("view '").append(this.gone.get(i)).append("'");
			}
			warning.append((this.gone.size() == 1) ? " no longer exists." : " no longer exist.");
			return warning.append(" Choose the attachments again on the action's page.").toString();
		}

		@Override
		public void close() {
			for (File file : this.files) {
				try {
					Files.deleteIfExists(file.path());
				}
				catch (IOException ex) {
					// a temporary file left behind is removed with the temporary
					// directory
				}
			}
		}

	}

}
