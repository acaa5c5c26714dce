package org.ontask.action.preview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.attribute.WorkflowAttributes;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.Selection;
import org.ontask.action.template.JsonText;
import org.ontask.action.template.RenderInput;
import org.ontask.action.template.ValueText;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Produces the messages of an action: the one place that turns an action, a learner's row
 * and the workflow's attributes into a subject and an HTML text. Preview uses it for one
 * learner; runs use it for each.
 */
@Component
public class MessageRenderer {

	/** The most rows a report macro lists. */
	static final int REPORT_ROWS = 5_000;

	private final ActionService actions;

	private final DataopsClient dataops;

	private final WorkflowAttributes attributes;

	private final RubricCells rubric;

	MessageRenderer(ActionService actions, DataopsClient dataops, WorkflowAttributes attributes, RubricCells rubric) {
		this.actions = actions;
		this.dataops = dataops;
		this.attributes = attributes;
		this.rubric = rubric;
	}

	/**
	 * Prepares an action for rendering: compiles its templates against the current
	 * columns and loads what every message shares.
	 * @param action the action
	 * @param columns the table's columns
	 * @return the prepared action
	 * @throws org.ontask.action.template.TemplateException when the templates no longer
	 * fit the table
	 */
	public Prepared prepare(ActionResponse action, List<DataColumn> columns) {
		ActionService.Compiled compiled = this.actions.compile(action, columns);
		return new Prepared(action, columns, compiled, this.attributes.of(action.workflowId()),
				action.type().equals("rubric_text") ? this.rubric.of(action.id()) : List.of());
	}

	/**
	 * An action ready to render messages.
	 */
	public final class Prepared {

		private final ActionResponse action;

		private final List<DataColumn> columns;

		private final ActionService.Compiled compiled;

		private final Map<String, String> workflowAttributes;

		private final List<RubricCells.Cell> cells;

		private final Map<List<String>, String> reports = new LinkedHashMap<>();

		Prepared(ActionResponse action, List<DataColumn> columns, ActionService.Compiled compiled,
				Map<String, String> workflowAttributes, List<RubricCells.Cell> cells) {
			this.action = action;
			this.columns = columns;
			this.compiled = compiled;
			this.workflowAttributes = workflowAttributes;
			this.cells = cells;
		}

		/**
		 * The columns whose values the messages use: those printed, those in the
		 * conditions are computed by dataops, and the rubric's criteria.
		 * @return column names
		 */
		public List<String> columnsUsed() {
			List<String> used = new ArrayList<>(this.compiled.text().columns());
			for (String column : this.compiled.subject().columns()) {
				if (!used.contains(column)) {
					used.add(column);
				}
			}
			for (RubricCells.Cell cell : this.cells) {
				if (!used.contains(cell.criterion())) {
					used.add(cell.criterion());
				}
			}
			return used;
		}

		/**
		 * The message of one learner.
		 * @param row the learner's row with the values of {@link #columnsUsed()} and the
		 * conditions' truth
		 * @return subject and HTML text
		 */
		public Message render(Selection.Row row) {
			RenderInput.Macros macros = new RenderInput.Macros() {
				@Override
				public String report(List<String> reportColumns) {
					return Prepared.this.report(reportColumns);
				}

				@Override
				public String rubricFeedback() {
					return Prepared.this.rubricFeedback(row);
				}
			};
			RenderInput input = new RenderInput(row.values(), row.conditions(), this.workflowAttributes, macros);
			return new Message(this.compiled.subject().render(input), this.compiled.text().render(input));
		}

		/** An HTML table of some columns over the filtered learners, escaped. */
		private String report(List<String> reportColumns) {
			return this.reports.computeIfAbsent(reportColumns, (wanted) -> {
				Selection selection = MessageRenderer.this.dataops.selection(this.action.workflowId(),
						ActionService.selectionOf(this.action, wanted, 0, REPORT_ROWS));
				if (this.action.type().equals("json_report")) {
					// every selected learner: the document is read by a program, not a
					// person
					List<Map<String, Object>> values = new ArrayList<>();
					selection.rows().forEach((row) -> values.add(row.values()));
					for (int offset = REPORT_ROWS; offset < selection.total(); offset += REPORT_ROWS) {
						MessageRenderer.this.dataops
							.selection(this.action.workflowId(),
									ActionService.selectionOf(this.action, wanted, offset, REPORT_ROWS))
							.rows()
							.forEach((row) -> values.add(row.values()));
					}
					return JsonText.reportOf(wanted, values);
				}
				StringBuilder html = new StringBuilder("<table class=\"ontask-report\" border=\"1\"><thead><tr>");
				for (String column : wanted) {
					html.append("<th>").append(HtmlUtils.htmlEscape(column)).append("</th>");
				}
				html.append("</tr></thead><tbody>");
				for (Selection.Row each : selection.rows()) {
					html.append("<tr>");
					for (String column : wanted) {
						html.append("<td>")
							.append(HtmlUtils.htmlEscape(ValueText.of(each.values().get(column))))
							.append("</td>");
					}
					html.append("</tr>");
				}
				html.append("</tbody></table>");
				if (selection.total() > selection.rows().size()) {
					html.append("<p>(the first ")
						.append(selection.rows().size())
						.append(" of ")
						.append(selection.total())
						.append(" learners)</p>");
				}
				return html.toString();
			});
		}

		/**
		 * For each criterion with a value, its name and the feedback of the level the
		 * value stands for (its index in the column's categories).
		 */
		private String rubricFeedback(Selection.Row row) {
			StringBuilder html = new StringBuilder();
			Map<String, List<RubricCells.Cell>> byCriterion = new LinkedHashMap<>();
			for (RubricCells.Cell cell : this.cells) {
				byCriterion.computeIfAbsent(cell.criterion(), (k) -> new ArrayList<>()).add(cell);
			}
			for (Map.Entry<String, List<RubricCells.Cell>> criterion : byCriterion.entrySet()) {
				Object value = row.values().get(criterion.getKey());
				if (value == null) {
					continue;
				}
				int level = levelOf(criterion.getKey(), value);
				criterion.getValue()
					.stream()
					.filter((cell) -> cell.level() == level)
					.findFirst()
					.ifPresent((cell) -> html.append("<p><strong>")
						.append(HtmlUtils.htmlEscape(criterion.getKey()))
						.append("</strong>: ")
						.append(HtmlUtils.htmlEscape(cell.feedback()))
						.append("</p>"));
			}
			return html.toString();
		}

		private int levelOf(String criterion, Object value) {
			for (DataColumn column : this.columns) {
				if (column.name().equals(criterion)) {
					for (int i = 0; i < column.categories().size(); i++) {
						if (Objects.equals(ValueText.of(column.categories().get(i)), ValueText.of(value))) {
							return i;
						}
					}
				}
			}
			return -1;
		}

	}

	/**
	 * One message.
	 *
	 * @param subject the subject, plain text
	 * @param html the message, HTML
	 */
	public record Message(String subject, String html) {

	}

}
