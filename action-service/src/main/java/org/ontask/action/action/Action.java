package org.ontask.action.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.ontask.action.template.MessageTemplates;
import org.ontask.formula.FormulaException;
import org.ontask.formula.Formulas;

/**
 * An action of a workflow: a message template (text and subject), the filter that selects
 * its learners, and its named conditions. Names are unique per workflow.
 */
@Entity
@Table(name = "action")
class Action {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "workflow_id", nullable = false)
	private long workflowId;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String description = "";

	@Column(nullable = false)
	private String type;

	@Column(nullable = false)
	private String subject = "";

	@Column(nullable = false)
	private String text = "";

	@Column
	private String filter;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt = Instant.now();

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt = Instant.now();

	/** JSON list of {@link ColumnWarning}s, NULL when there is none. */
	@Column(name = "column_warnings")
	private String columnWarnings;

	@Version
	private long version;

	@OneToMany(mappedBy = "action", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("position")
	private List<ActionCondition> conditions = new ArrayList<>();

	/** email_report: the views sent with the report as CSV files, in order. */
	@ElementCollection
	@CollectionTable(name = "action_attachment", joinColumns = @JoinColumn(name = "action_id"))
	@OrderColumn(name = "position")
	private List<ActionAttachment> attachments = new ArrayList<>();

	protected Action() {
	}

	Action(long workflowId, String name, String description, ActionType type) {
		this.workflowId = workflowId;
		this.name = name;
		this.description = (description != null) ? description : "";
		this.type = type.code();
	}

	Long getId() {
		return this.id;
	}

	long getWorkflowId() {
		return this.workflowId;
	}

	String getName() {
		return this.name;
	}

	String getDescription() {
		return this.description;
	}

	ActionType getType() {
		return ActionType.fromCode(this.type).orElseThrow();
	}

	String getSubject() {
		return this.subject;
	}

	String getText() {
		return this.text;
	}

	String getFilter() {
		return this.filter;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	long getVersion() {
		return this.version;
	}

	List<ActionCondition> getConditions() {
		return this.conditions;
	}

	List<ActionAttachment> getAttachments() {
		return this.attachments;
	}

	void attach(List<ActionAttachment> attachments) {
		this.attachments.clear();
		this.attachments.addAll(attachments);
		touch();
	}

	Optional<ActionCondition> condition(long conditionId) {
		return this.conditions.stream().filter((c) -> c.getId() != null && c.getId() == conditionId).findFirst();
	}

	Optional<ActionCondition> conditionNamed(String conditionName) {
		return this.conditions.stream().filter((c) -> c.getName().equals(conditionName)).findFirst();
	}

	void rename(String name) {
		this.name = name;
		touch();
	}

	void describe(String description) {
		this.description = description;
		touch();
	}

	void write(String subject, String text) {
		this.subject = subject;
		this.text = text;
		touch();
	}

	void filter(String filter) {
		this.filter = filter;
		touch();
	}

	ActionCondition addCondition(String name, String description, String formula) {
		int position = this.conditions.stream().mapToInt(ActionCondition::getPosition).max().orElse(-1) + 1;
		ActionCondition condition = new ActionCondition(this, name, description, formula, position);
		this.conditions.add(condition);
		touch();
		return condition;
	}

	void removeCondition(ActionCondition condition) {
		this.conditions.remove(condition);
		touch();
	}

	String getColumnWarnings() {
		return this.columnWarnings;
	}

	List<ColumnWarning> warnings() {
		return ColumnWarning.read(this.columnWarnings);
	}

	/**
	 * Adds a warning unless the same one is there (column events may be delivered twice).
	 */
	void warn(ColumnWarning warning) {
		List<ColumnWarning> warnings = new ArrayList<>(warnings());
		if (!warnings.contains(warning)) {
			warnings.add(warning);
			this.columnWarnings = ColumnWarning.write(warnings);
		}
	}

	/**
	 * Replaces the warnings about one column in one part (after a type change).
	 * @return whether anything changed
	 */
	boolean replaceWarnings(String column, String part, List<String> messages) {
		List<ColumnWarning> before = warnings();
		List<ColumnWarning> after = new ArrayList<>(before);
		after.removeIf((w) -> w.column().equals(column) && w.part().equals(part));
		for (String message : messages) {
			ColumnWarning warning = new ColumnWarning(column, part, message);
			if (!after.contains(warning)) {
				after.add(warning);
			}
		}
		if (after.equals(before)) {
			return false;
		}
		this.columnWarnings = ColumnWarning.write(after);
		return true;
	}

	/**
	 * Forgets the warnings about a part the user has just saved (it was checked against
	 * the table's current columns).
	 */
	void resolved(String part) {
		List<ColumnWarning> warnings = new ArrayList<>(warnings());
		if (warnings.removeIf((w) -> w.part().equals(part))) {
			this.columnWarnings = ColumnWarning.write(warnings);
		}
	}

	/**
	 * Whether a part of this action still refers to a column.
	 */
	boolean refersTo(String part, String column) {
		if (part.equals("filter")) {
			return refers(this.filter, column);
		}
		if (part.equals("text")) {
			return MessageTemplates.referencedNames(this.text, true).contains(column);
		}
		if (part.equals("subject")) {
			return MessageTemplates.referencedNames(this.subject, false).contains(column);
		}
		if (part.startsWith("condition:")) {
			return conditionNamed(part.substring("condition:".length())).map((c) -> refers(c.getFormula(), column))
				.orElse(false);
		}
		return true;
	}

	private static boolean refers(String formula, String column) {
		try {
			return formula != null && Formulas.refersTo(formula, column);
		}
		catch (FormulaException ex) {
			return false;
		}
	}

	void touch() {
		this.updatedAt = Instant.now();
		// a warning goes once its part no longer uses the column
		if (this.columnWarnings != null) {
			List<ColumnWarning> warnings = new ArrayList<>(warnings());
			if (warnings.removeIf((w) -> !refersTo(w.part(), w.column()))) {
				this.columnWarnings = ColumnWarning.write(warnings);
			}
		}
	}

}
