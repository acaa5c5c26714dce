package org.ontask.action.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ontask.action.attribute.WorkflowAttributes;
import org.ontask.action.template.MessageTemplates;
import org.ontask.formula.ColumnResolver;
import org.ontask.formula.ColumnType;
import org.ontask.formula.FormulaException;
import org.ontask.formula.Formulas;
import org.ontask.formula.ResolvedColumn;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps actions in step with dataops-service's column changes: a rename rewrites filters,
 * conditions and the references of the texts; a deletion or a type change that breaks a
 * part leaves a {@link ColumnWarning} on the action (shown on its page; previews and runs
 * refuse) instead of silently dropping anything. Each listener is idempotent: a rename
 * finds nothing left to rewrite the second time, and a warning is added once.
 */
@Component
class ColumnChanges {

	private static final String QUEUE = "#{messagingNames.queue('${spring.application.name}', 'dataops.events', '";

	private final ActionRepository actions;

	private final WorkflowAttributes attributes;

	private final JdbcClient jdbc;

	ColumnChanges(ActionRepository actions, WorkflowAttributes attributes, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.actions = actions;
		this.attributes = attributes;
	}

	@RabbitListener(queues = QUEUE + "column.renamed')}")
	@Transactional
	void on(ColumnRenamed event) {
		String from = event.oldName();
		String to = event.newName();
		if (from == null || to == null || from.equals(to)) {
			return;
		}
		Set<String> attributeNames = this.attributes.of(event.workflowId()).keySet();
		for (Action action : this.actions.findByWorkflowIdOrderByNameAsc(event.workflowId())) {
			boolean changed = false;
			String filter = renamed(action.getFilter(), from, to);
			if (!java.util.Objects.equals(filter, action.getFilter())) {
				action.filter(filter);
				changed = true;
			}
			for (ActionCondition condition : action.getConditions()) {
				String formula = renamed(condition.getFormula(), from, to);
				if (!formula.equals(condition.getFormula())) {
					condition.change(condition.getName(), condition.getDescription(), formula);
					changed = true;
				}
			}
			String text = MessageTemplates.renameColumn(action.getText(), true, from, to, attributeNames);
			String subject = MessageTemplates.renameColumn(action.getSubject(), false, from, to, attributeNames);
			if (!text.equals(action.getText()) || !subject.equals(action.getSubject())) {
				action.write(subject, text);
				changed = true;
			}
			if (changed) {
				action.touch();
				this.actions.save(action);
			}
		}
		// survey questions and learner pages name their column too
		this.jdbc
			.sql("UPDATE survey_question q SET column_name = ? FROM action a WHERE q.action_id = a.id "
					+ "AND a.workflow_id = ? AND q.column_name = ?")
			.params(to, event.workflowId(), from)
			.update();
		this.jdbc
			.sql("UPDATE action_serve s SET learner_column = ? FROM action a WHERE s.action_id = a.id "
					+ "AND a.workflow_id = ? AND s.learner_column = ?")
			.params(to, event.workflowId(), from)
			.update();
	}

	@RabbitListener(queues = QUEUE + "column.deleted')}")
	@Transactional
	void on(ColumnDeleted event) {
		String column = event.name();
		Set<String> attributeNames = this.attributes.of(event.workflowId()).keySet();
		for (Action action : this.actions.findByWorkflowIdOrderByNameAsc(event.workflowId())) {
			List<ColumnWarning> found = new ArrayList<>();
			String gone = "The column \"" + column + "\" was deleted, but ";
			if (refersTo(action.getFilter(), column)) {
				found.add(new ColumnWarning(column, "filter", gone + "the filter uses it; change the filter."));
			}
			for (ActionCondition condition : action.getConditions()) {
				if (refersTo(condition.getFormula(), column)) {
					found.add(new ColumnWarning(column, "condition:" + condition.getName(),
							gone + "the condition \"" + condition.getName() + "\" uses it; change the condition."));
				}
			}
			if (!attributeNames.contains(column)) {
				if (MessageTemplates.referencedNames(action.getText(), true).contains(column)) {
					found.add(new ColumnWarning(column, "text", gone + "the message uses it; change the message."));
				}
				if (MessageTemplates.referencedNames(action.getSubject(), false).contains(column)) {
					found.add(new ColumnWarning(column, "subject", gone + "the subject uses it; change the subject."));
				}
			}
			if (!found.isEmpty()) {
				found.forEach(action::warn);
				this.actions.save(action);
			}
		}
	}

	@RabbitListener(queues = QUEUE + "column.type-changed')}")
	@Transactional
	void on(ColumnTypeChanged event) {
		String column = event.name();
		Optional<ColumnType> type = ColumnType.fromJsonName(event.newType());
		if (type.isEmpty()) {
			return;
		}
		// only this column's problems are wanted: the others keep whatever type they had
		ColumnResolver resolver = (name) -> Optional
			.of(ResolvedColumn.typeOnly(name.equals(column) ? type.get() : ColumnType.STRING));
		String quoted = "\"" + column + "\"";
		for (Action action : this.actions.findByWorkflowIdOrderByNameAsc(event.workflowId())) {
			boolean changed = false;
			if (refersTo(action.getFilter(), column)) {
				changed |= action.replaceWarnings(column, "filter",
						problems(action.getFilter(), resolver, quoted, "The filter"));
			}
			for (ActionCondition condition : action.getConditions()) {
				if (refersTo(condition.getFormula(), column)) {
					changed |= action.replaceWarnings(column, "condition:" + condition.getName(), problems(
							condition.getFormula(), resolver, quoted, "The condition \"" + condition.getName() + "\""));
				}
			}
			if (changed) {
				this.actions.save(action);
			}
		}
	}

	private static List<String> problems(String formula, ColumnResolver resolver, String quotedColumn, String what) {
		return Formulas.problems(formula, resolver)
			.stream()
			.filter((problem) -> problem.contains(quotedColumn))
			.map((problem) -> what + " no longer fits the column's new type: " + problem)
			.toList();
	}

	private static boolean refersTo(String formula, String column) {
		try {
			return formula != null && Formulas.refersTo(formula, column);
		}
		catch (FormulaException ex) {
			return false;
		}
	}

	private static String renamed(String formula, String from, String to) {
		if (!refersTo(formula, from)) {
			return formula;
		}
		return Formulas.renameColumn(formula, from, to);
	}

}
