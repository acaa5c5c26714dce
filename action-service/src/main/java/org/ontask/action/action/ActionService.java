package org.ontask.action.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.ontask.action.attribute.WorkflowAttributes;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataView;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.DataopsViews;
import org.ontask.action.dataops.Selection;
import org.ontask.action.dataops.SelectionRequest;
import org.ontask.action.template.JsonText;
import org.ontask.action.template.MessageTemplate;
import org.ontask.action.template.MessageTemplates;
import org.ontask.action.template.TemplateException;
import org.ontask.action.template.TemplateNames;
import org.ontask.formula.ColumnResolver;
import org.ontask.formula.ColumnType;
import org.ontask.formula.Formula;
import org.ontask.formula.FormulaException;
import org.ontask.formula.Formulas;
import org.ontask.workflowaccess.WorkflowAccess;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The actions of workflows: create, change, clone and delete them, their filters and
 * conditions, and the checks that keep them usable (templates that compile, formulas that
 * fit the table's columns). Every method first checks that the user may open the workflow
 * (404 otherwise) and that the action belongs to it.
 */
@Service
public class ActionService {

	static final int MAX_NAME = 200;

	static final int MAX_ATTACHMENTS = 20;

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Any value as JSON text, for columns that store JSON. */
	public static final java.util.function.Function<Object, String> JSON_TEXT = JSON::writeValueAsString;

	private final ActionRepository actions;

	private final WorkflowAccess access;

	private final DataopsClient dataops;

	private final WorkflowAttributes attributes;

	private final MessageTemplates templates;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final DataopsViews views;

	ActionService(ActionRepository actions, WorkflowAccess access, DataopsClient dataops, WorkflowAttributes attributes,
			MessageTemplates templates, ApplicationEventPublisher events, JdbcClient jdbc, DataopsViews views) {
		this.jdbc = jdbc;
		this.views = views;
		this.events = events;
		this.actions = actions;
		this.access = access;
		this.dataops = dataops;
		this.attributes = attributes;
		this.templates = templates;
	}

	/**
	 * The name of the workflow, if the user may open it.
	 * @param workflowId the workflow
	 * @param email the user
	 * @return its name
	 */
	public String workflowName(long workflowId, String email) {
		return this.access.nameOfWorkflowOpenTo(workflowId, email);
	}

	/**
	 * The actions of a workflow, by name.
	 * @param workflowId the workflow
	 * @param email the user
	 * @return the actions
	 */
	@Transactional(readOnly = true)
	public List<ActionResponse> list(long workflowId, String email) {
		this.access.nameOfWorkflowOpenTo(workflowId, email);
		return this.actions.findByWorkflowIdOrderByNameAsc(workflowId).stream().map(ActionService::response).toList();
	}

	/**
	 * One action.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @return the action
	 */
	@Transactional(readOnly = true)
	public ActionResponse get(long workflowId, long actionId, String email) {
		return response(find(workflowId, actionId, email));
	}

	/**
	 * Creates an action. Its text, subject, filter and conditions, when given, are
	 * checked against the table's columns as on any later change.
	 * @param workflowId the workflow
	 * @param email the user
	 * @param request the action
	 * @return the new action
	 */
	@Transactional
	public ActionResponse create(long workflowId, String email, CreateActionRequest request) {
		this.access.nameOfWorkflowOpenTo(workflowId, email);
		String name = validName(request.name(), "name", "An action");
		ActionType type = ActionType.fromCode((request.type() != null) ? request.type().trim() : "")
			.orElseThrow(() -> new InvalidActionException("type",
					"The type must be one of " + java.util.Arrays.stream(ActionType.values())
						.map(ActionType::code)
						.collect(Collectors.joining(", ")) + "."));
		if (this.actions.existsByWorkflowIdAndName(workflowId, name)) {
			throw new InvalidActionException("name", "There is already an action called \"" + name + "\".");
		}
		Action action = new Action(workflowId, name, trimmed(request.description()), type);
		if (request.attachments() != null) {
			action.attach(validAttachments(workflowId, type, request.attachments()));
		}
		Lazy<List<DataColumn>> columns = new Lazy<>(() -> this.dataops.columns(workflowId));
		if (request.filter() != null) {
			action.filter(validFilter(request.filter(), columns.get()));
		}
		if (request.conditions() != null && !request.conditions().isEmpty()) {
			if (!type.allowsConditions()) {
				throw new InvalidActionException("conditions", "An email report has no conditions.");
			}
			for (ConditionRequest condition : request.conditions()) {
				String conditionName = validConditionName(action, condition.name(), null, columns.get(), workflowId);
				action.addCondition(conditionName, trimmed(condition.description()),
						validFormula(condition.formula(), columns.get(), "Condition \"" + conditionName + "\"", false));
			}
		}
		if (hasText(request.text()) || hasText(request.subject())) {
			String subject = (request.subject() != null) ? request.subject() : "";
			String text = (request.text() != null) ? request.text() : "";
			checkTemplates(action, subject, text, columns.get());
			action.write(subject, text);
		}
		return created(this.actions.save(action), email);
	}

	private ActionResponse created(Action action, String email) {
		this.events.publishEvent(new ActionCreated(action.getWorkflowId(), action.getId(), action.getName(),
				action.getType().code(), email, Instant.now()));
		return response(action);
	}

	/**
	 * Changes an action's name, description, texts, filter or attachments (all or
	 * nothing).
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @param request what to change
	 * @return the action after the change
	 */
	@Transactional
	public ActionResponse update(long workflowId, long actionId, String email, UpdateActionRequest request) {
		Action action = find(workflowId, actionId, email);
		// checked first: a view that is not the workflow's changes nothing else either
		List<ActionAttachment> attachments = (request.attachments() != null)
				? validAttachments(workflowId, action.getType(), request.attachments()) : null;
		if (request.name() != null) {
			String name = validName(request.name(), "name", "An action");
			if (!name.equals(action.getName()) && this.actions.existsByWorkflowIdAndName(workflowId, name)) {
				throw new InvalidActionException("name", "There is already an action called \"" + name + "\".");
			}
			if (!name.equals(action.getName())) {
				this.events.publishEvent(
						new ActionRenamed(workflowId, actionId, action.getName(), name, email, Instant.now()));
			}
			action.rename(name);
		}
		if (request.description() != null) {
			action.describe(request.description().trim());
		}
		Lazy<List<DataColumn>> columns = new Lazy<>(() -> this.dataops.columns(workflowId));
		if (request.filter() != null) {
			action.filter(validFilter(request.filter(), columns.get()));
			action.resolved("filter");
		}
		if (request.text() != null || request.subject() != null) {
			String subject = (request.subject() != null) ? request.subject() : action.getSubject();
			String text = (request.text() != null) ? request.text() : action.getText();
			checkTemplates(action, subject, text, columns.get());
			action.write(subject, text);
			action.resolved("text");
			action.resolved("subject");
		}
		if (attachments != null) {
			action.attach(attachments);
		}
		return response(this.actions.saveAndFlush(action));
	}

	/**
	 * Clones an action with its conditions, named "Copy of …".
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @return the clone
	 */
	@Transactional
	public ActionResponse cloneAction(long workflowId, long actionId, String email) {
		Action source = find(workflowId, actionId, email);
		String name = freeName("Copy of " + source.getName(),
				(candidate) -> this.actions.existsByWorkflowIdAndName(workflowId, candidate));
		Action clone = new Action(workflowId, name, source.getDescription(), source.getType());
		clone.write(source.getSubject(), source.getText());
		clone.filter(source.getFilter());
		clone.attach(source.getAttachments());
		for (ActionCondition condition : source.getConditions()) {
			clone.addCondition(condition.getName(), condition.getDescription(), condition.getFormula());
		}
		Action saved = this.actions.saveAndFlush(clone);
		copyParts(source.getId(), saved.getId());
		return created(saved, email);
	}

	/**
	 * What a clone takes besides its texts and conditions: the rubric, the survey
	 * questions (with their condition, matched by name) and the learner page settings,
	 * switched off so the copy is not served until the instructor says so.
	 */
	private void copyParts(long sourceId, long cloneId) {
		this.jdbc
			.sql("INSERT INTO rubric_cell (action_id, criterion, level, description, feedback) "
					+ "SELECT ?, criterion, level, description, feedback FROM rubric_cell WHERE action_id = ?")
			.params(cloneId, sourceId)
			.update();
		this.jdbc
			.sql("INSERT INTO action_serve (action_id, enabled, active_from, active_to, learner_column, shuffle, "
					+ "updated_at) SELECT ?, FALSE, active_from, active_to, learner_column, shuffle, ? "
					+ "FROM action_serve WHERE action_id = ?")
			.params(cloneId, java.sql.Timestamp.from(Instant.now()), sourceId)
			.update();
		this.jdbc
			.sql("INSERT INTO survey_question (action_id, column_name, label, condition_id, locked, position) "
					+ "SELECT ?, q.column_name, q.label, nc.id, q.locked, q.position FROM survey_question q "
					+ "LEFT JOIN action_condition oc ON oc.id = q.condition_id "
					+ "LEFT JOIN action_condition nc ON nc.action_id = ? AND nc.name = oc.name WHERE q.action_id = ?")
			.params(cloneId, cloneId, sourceId)
			.update();
	}

	/**
	 * Deletes an action and its conditions.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 */
	@Transactional
	public void delete(long workflowId, long actionId, String email) {
		Action action = find(workflowId, actionId, email);
		this.actions.delete(action);
		this.events.publishEvent(new ActionDeleted(workflowId, actionId, action.getName(), email, Instant.now()));
	}

	/**
	 * Adds a condition, checked against the table's columns.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @param request the condition
	 * @return the condition
	 */
	@Transactional
	public ConditionResponse addCondition(long workflowId, long actionId, String email, ConditionRequest request) {
		Action action = find(workflowId, actionId, email);
		requireConditions(action);
		List<DataColumn> columns = this.dataops.columns(workflowId);
		String name = validConditionName(action, request.name(), null, columns, workflowId);
		action.addCondition(name, trimmed(request.description()),
				validFormula(request.formula(), columns, "Condition \"" + name + "\"", false));
		this.actions.saveAndFlush(action);
		return condition(action.conditionNamed(name).orElseThrow());
	}

	/**
	 * Changes a condition; a new name is also written into the {@code {% if %}} blocks of
	 * the action's text.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param conditionId the condition
	 * @param email the user
	 * @param request its new state; a null formula keeps the current one
	 * @return the condition
	 */
	@Transactional
	public ConditionResponse updateCondition(long workflowId, long actionId, long conditionId, String email,
			ConditionRequest request) {
		Action action = find(workflowId, actionId, email);
		ActionCondition condition = findCondition(action, conditionId);
		List<DataColumn> columns = this.dataops.columns(workflowId);
		String name = (request.name() != null)
				? validConditionName(action, request.name(), condition, columns, workflowId) : condition.getName();
		String formula = (request.formula() != null)
				? validFormula(request.formula(), columns, "Condition \"" + name + "\"", false)
				: condition.getFormula();
		String description = (request.description() != null) ? request.description().trim()
				: condition.getDescription();
		if (!name.equals(condition.getName())) {
			action.write(renameInTemplate(action.getSubject(), condition.getName(), name),
					renameInTemplate(action.getText(), condition.getName(), name));
		}
		if (request.formula() != null) {
			action.resolved("condition:" + condition.getName());
		}
		condition.change(name, description, formula);
		action.touch();
		this.actions.saveAndFlush(action);
		return condition(condition);
	}

	/**
	 * Deletes a condition the message does not use.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param conditionId the condition
	 * @param email the user
	 */
	@Transactional
	public void deleteCondition(long workflowId, long actionId, long conditionId, String email) {
		Action action = find(workflowId, actionId, email);
		ActionCondition condition = findCondition(action, conditionId);
		if (usesName(action.getText(), condition.getName()) || usesName(action.getSubject(), condition.getName())) {
			throw new InvalidActionException("condition", "Condition \"" + condition.getName()
					+ "\" is used in the message; take it out of the text before deleting it.");
		}
		action.removeCondition(condition);
		this.actions.saveAndFlush(action);
	}

	/**
	 * Clones a condition within its action, named "Copy of …".
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param conditionId the condition
	 * @param email the user
	 * @return the clone
	 */
	@Transactional
	public ConditionResponse cloneCondition(long workflowId, long actionId, long conditionId, String email) {
		Action action = find(workflowId, actionId, email);
		ActionCondition source = findCondition(action, conditionId);
		return copyInto(action, source);
	}

	/**
	 * Copies a condition of another action of the same workflow into this one.
	 * @param workflowId the workflow
	 * @param actionId the action receiving the copy
	 * @param fromActionId the action holding the condition
	 * @param conditionId the condition
	 * @param email the user
	 * @return the copy (its name gets "Copy of" only if the name is taken)
	 */
	@Transactional
	public ConditionResponse copyCondition(long workflowId, long actionId, long fromActionId, long conditionId,
			String email) {
		Action action = find(workflowId, actionId, email);
		requireConditions(action);
		Action from = find(workflowId, fromActionId, email);
		return copyInto(action, findCondition(from, conditionId));
	}

	private ConditionResponse copyInto(Action action, ActionCondition source) {
		requireConditions(action);
		String name = action.conditionNamed(source.getName()).isEmpty() ? source.getName()
				: freeName("Copy of " + source.getName(), (candidate) -> action.conditionNamed(candidate).isPresent());
		action.addCondition(name, source.getDescription(), source.getFormula());
		this.actions.saveAndFlush(action);
		return condition(action.conditionNamed(name).orElseThrow());
	}

	/**
	 * The views an email report sends as CSV files, with the names they had when chosen.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @return the views in order; empty for other actions
	 */
	@Transactional(readOnly = true)
	public List<ActionAttachment> attachments(long workflowId, long actionId, String email) {
		return List.copyOf(find(workflowId, actionId, email).getAttachments());
	}

	/**
	 * Each view id checked with dataops: it must be a view of this workflow (the call
	 * acts as the user, so dataops also checks that they may open it). Repeated ids count
	 * once.
	 */
	private List<ActionAttachment> validAttachments(long workflowId, ActionType type, List<Long> viewIds) {
		if (viewIds.stream().anyMatch(java.util.Objects::isNull)) {
			throw new InvalidActionException("attachments", "An attachment is given by the id of a view.");
		}
		List<Long> wanted = viewIds.stream().distinct().toList();
		if (wanted.isEmpty()) {
			return List.of();
		}
		if (type != ActionType.EMAIL_REPORT) {
			throw new InvalidActionException("attachments", "Only an email report has attachments.");
		}
		if (wanted.size() > MAX_ATTACHMENTS) {
			throw new InvalidActionException("attachments",
					"An email report can have at most " + MAX_ATTACHMENTS + " attachments.");
		}
		List<ActionAttachment> chosen = new ArrayList<>();
		for (long viewId : wanted) {
			DataView view = this.views.find(workflowId, viewId)
				.orElseThrow(() -> new InvalidActionException("attachments",
						"View " + viewId + " is not a view of this workflow."));
			chosen.add(new ActionAttachment(viewId, view.name()));
		}
		return chosen;
	}

	/**
	 * How many learners the filter selects and, within those, each condition.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the user
	 * @return the counts, computed by dataops in SQL
	 */
	@Transactional(readOnly = true)
	public Selection counts(long workflowId, long actionId, String email) {
		Action action = find(workflowId, actionId, email);
		return this.dataops.selection(workflowId,
				new SelectionRequest(formulaNode(action.getFilter()), conditionNodes(action), List.of(), 0, 0));
	}

	/**
	 * The names the action's templates may use: the table's columns, the action's
	 * conditions and the workflow's attributes.
	 * @param action the action
	 * @param columns the table's columns
	 * @return the names
	 */
	TemplateNames templateNames(ActionResponse action, List<DataColumn> columns) {
		ActionType type = ActionType.fromCode(action.type()).orElseThrow();
		return new TemplateNames(columns.stream().map(DataColumn::name).collect(Collectors.toSet()),
				action.conditions().stream().map(ConditionResponse::name).collect(Collectors.toSet()),
				this.attributes.of(action.workflowId()).keySet(), type.isReport(), type.isRubric());
	}

	/**
	 * Compiles an action's text and subject for rendering.
	 * @param action the action
	 * @param columns the table's columns
	 * @return the text and the subject, compiled
	 * @throws TemplateException when they no longer fit the table (e.g. a column was
	 * deleted)
	 */
	public Compiled compile(ActionResponse action, List<DataColumn> columns) {
		if (!action.warnings().isEmpty()) {
			throw new TemplateException(String.join(" ", action.warnings()));
		}
		TemplateNames names = templateNames(action, columns);
		TemplateNames subjectNames = new TemplateNames(names.columns(), names.conditions(), names.attributes(), false,
				false);
		MessageTemplate text = type(action).isJson() ? this.templates.compileJson(action.text(), names)
				: this.templates.compile(action.text(), true, names);
		return new Compiled(text, this.templates.compile(action.subject(), false, subjectNames));
	}

	private static ActionType type(ActionResponse action) {
		return ActionType.fromCode(action.type()).orElseThrow();
	}

	/**
	 * An action's compiled text and subject.
	 *
	 * @param text the HTML message
	 * @param subject the plain-text subject
	 */
	public record Compiled(MessageTemplate text, MessageTemplate subject) {
	}

	/**
	 * The filter and the conditions of an action as dataops takes them.
	 * @param action the action
	 * @return the selection request parts
	 */
	public static SelectionRequest selectionOf(ActionResponse action, List<String> columns, int offset, int limit) {
		Map<String, JsonNode> conditions = new LinkedHashMap<>();
		for (ConditionResponse condition : action.conditions()) {
			conditions.put(condition.name(), condition.formula());
		}
		JsonNode filter = (action.filterText().isEmpty()) ? null : action.filter();
		return new SelectionRequest(filter, conditions, columns, offset, limit);
	}

	private void checkTemplates(Action action, String subject, String text, List<DataColumn> columns) {
		Set<String> columnNames = columns.stream().map(DataColumn::name).collect(Collectors.toSet());
		Set<String> conditionNames = action.getConditions()
			.stream()
			.map(ActionCondition::getName)
			.collect(Collectors.toSet());
		Set<String> attributeNames = this.attributes.of(action.getWorkflowId()).keySet();
		ActionType type = action.getType();
		TemplateNames names = new TemplateNames(columnNames, conditionNames, attributeNames, type.isReport(),
				type.isRubric());
		if (type.isJson()) {
			try {
				JsonText.check(this.templates.compileJson(text, names), this.attributes.of(action.getWorkflowId()));
			}
			catch (TemplateException ex) {
				throw new InvalidActionException("text", "The JSON document cannot be used: " + ex.getMessage());
			}
			return;
		}
		try {
			this.templates.compile(text, true, names);
		}
		catch (TemplateException ex) {
			throw new InvalidActionException("text", "The message cannot be used: " + ex.getMessage());
		}
		try {
			this.templates.compile(subject, false,
					new TemplateNames(columnNames, conditionNames, attributeNames, false, false));
		}
		catch (TemplateException ex) {
			throw new InvalidActionException("subject", "The subject cannot be used: " + ex.getMessage());
		}
	}

	private String validFilter(JsonNode filter, List<DataColumn> columns) {
		return validFormula(filter, columns, "The filter", true);
	}

	/**
	 * The formula checked against the columns and normalised; for a filter, null when it
	 * selects everyone.
	 */
	static String validFormula(JsonNode formula, List<DataColumn> columns, String what, boolean emptyIsNull) {
		String json = (formula == null || formula.isNull()) ? "{}" : JSON.writeValueAsString(formula);
		Map<String, ColumnType> types = new LinkedHashMap<>();
		for (DataColumn column : columns) {
			column.columnType().ifPresent((type) -> types.put(column.name(), type));
		}
		try {
			Formula parsed = Formula.parse(json, ColumnResolver.ofTypes(types));
			if (parsed.isEmpty() && emptyIsNull) {
				return null;
			}
			return parsed.toJson();
		}
		catch (FormulaException ex) {
			throw new InvalidActionException(emptyIsNull ? "filter" : "condition",
					what + " cannot be used: " + String.join("; ", ex.problems()));
		}
	}

	private String validConditionName(Action action, String requested, ActionCondition current,
			List<DataColumn> columns, long workflowId) {
		String name = validName(requested, "condition", "A condition");
		if (action.conditionNamed(name).filter((other) -> other != current).isPresent()) {
			throw new InvalidActionException("condition",
					"This action already has a condition called \"" + name + "\".");
		}
		if (columns.stream().anyMatch((column) -> column.name().equals(name))) {
			throw new InvalidActionException("condition",
					"\"" + name + "\" is the name of a column; a condition needs a name of its own.");
		}
		if (this.attributes.of(workflowId).containsKey(name)) {
			throw new InvalidActionException("condition",
					"\"" + name + "\" is the name of an attribute; a condition needs a name of its own.");
		}
		return name;
	}

	static String validName(String requested, String field, String what) {
		String name = (requested != null) ? requested.trim() : "";
		if (name.isEmpty()) {
			throw new InvalidActionException(field, what + " needs a name.");
		}
		if (name.length() > MAX_NAME) {
			throw new InvalidActionException(field, "A name can have at most " + MAX_NAME + " characters.");
		}
		if (name.indexOf('"') >= 0 || name.indexOf('\'') >= 0) {
			throw new InvalidActionException(field, "A name cannot contain quotes.");
		}
		if (name.contains("{") || name.contains("}") || name.contains("%")) {
			throw new InvalidActionException(field, "A name cannot contain {, } or %.");
		}
		return name;
	}

	private static void requireConditions(Action action) {
		if (!action.getType().allowsConditions()) {
			throw new InvalidActionException("condition", "An email report has no conditions.");
		}
	}

	private Action find(long workflowId, long actionId, String email) {
		this.access.nameOfWorkflowOpenTo(workflowId, email);
		return this.actions.findByIdAndWorkflowId(actionId, workflowId)
			.orElseThrow(() -> new ActionNotFoundException(workflowId, actionId));
	}

	private static ActionCondition findCondition(Action action, long conditionId) {
		return action.condition(conditionId)
			.orElseThrow(() -> new ActionNotFoundException(
					"There is no condition " + conditionId + " in action \"" + action.getName() + "\"."));
	}

	static String freeName(String base, java.util.function.Predicate<String> taken) {
		String candidate = base;
		for (int n = 2; taken.test(candidate); n++) {
			candidate = base + " (" + n + ")";
		}
		return candidate;
	}

	private static boolean usesName(String template, String name) {
		return namePattern(name).matcher(template).find();
	}

	private static String renameInTemplate(String template, String from, String to) {
		Matcher matcher = namePattern(from).matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + to + matcher.group(2)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/**
	 * {@code {% if name %}} or {@code {{ name }}}, with the delimiters in groups 1 and 2.
	 */
	private static Pattern namePattern(String name) {
		String quoted = Pattern.quote(name);
		return Pattern.compile("(\\{%\\s*if\\s+|\\{\\{\\s*)" + quoted + "(\\s*%\\}|\\s*\\}\\})");
	}

	static ActionResponse response(Action action) {
		List<ConditionResponse> conditions = new ArrayList<>();
		for (ActionCondition condition : action.getConditions()) {
			conditions.add(condition(condition));
		}
		String filter = action.getFilter();
		return new ActionResponse(action.getId(), action.getWorkflowId(), action.getName(), action.getDescription(),
				action.getType().code(), action.getType().label(), action.getSubject(), action.getText(),
				formulaNodeOrEmpty(filter), (filter != null) ? text(filter) : "", conditions, action.getCreatedAt(),
				action.getUpdatedAt(), action.getVersion(),
				ColumnWarning.read(action.getColumnWarnings()).stream().map(ColumnWarning::message).toList(),
				action.getAttachments().stream().map(ActionAttachment::viewId).toList());
	}

	private static ConditionResponse condition(ActionCondition condition) {
		return new ConditionResponse(condition.getId(), condition.getName(), condition.getDescription(),
				formulaNodeOrEmpty(condition.getFormula()), text(condition.getFormula()));
	}

	private static String text(String formula) {
		try {
			return Formulas.toText(formula);
		}
		catch (FormulaException ex) {
			return "(cannot be read: " + String.join("; ", ex.problems()) + ")";
		}
	}

	private static JsonNode formulaNodeOrEmpty(String json) {
		JsonNode node = formulaNode(json);
		return (node != null) ? node : JSON.createObjectNode();
	}

	private static JsonNode formulaNode(String json) {
		if (json == null || json.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Map<String, JsonNode> conditionNodes(Action action) {
		Map<String, JsonNode> nodes = new LinkedHashMap<>();
		for (ActionCondition condition : action.getConditions()) {
			nodes.put(condition.getName(), formulaNodeOrEmpty(condition.getFormula()));
		}
		return nodes;
	}

	private static String trimmed(String text) {
		return (text != null) ? text.trim() : "";
	}

	private static boolean hasText(String text) {
		return text != null && !text.isEmpty();
	}

	/** Asks dataops for the columns only when a check needs them, and only once. */
	private static final class Lazy<T> implements Supplier<T> {

		private final Supplier<T> source;

		private T value;

		Lazy(Supplier<T> source) {
			this.source = source;
		}

		@Override
		public T get() {
			if (this.value == null) {
				this.value = this.source.get();
			}
			return this.value;
		}

	}

}
