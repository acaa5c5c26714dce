package org.ontask.action.serve;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.action.ActionType;
import org.ontask.action.action.ConditionResponse;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.DataopsRefusedException;
import org.ontask.action.dataops.Selection;
import org.ontask.action.dataops.SelectionRequest;
import org.ontask.action.preview.MessageRenderer;
import org.ontask.action.template.TemplateException;
import org.ontask.platform.internal.InternalCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Learner pages. A learner's page is built from the row the server selects: the action's
 * filter AND the learner column equal to the signed-in account's email, exactly one row,
 * or nothing. Learners have no access to the workflow, so the reads and the write of
 * their answers go to dataops acting as the workflow's owner (known from
 * workflow-access's projection) — this service is what limits them to their own row.
 * Instructors' pages (settings, questions, visits, filling a survey for a learner) act as
 * the instructor, with the ordinary access checks.
 */
@Service
public class ServeService {

	private static final Logger log = LoggerFactory.getLogger(ServeService.class);

	/** Rows per page of the instructor's list of learners. */
	static final int LEARNERS_PAGE = 50;

	/** The longest text answer taken. */
	static final int MAX_ANSWER = 10_000;

	private final ActionService actions;

	private final DataopsClient dataops;

	private final MessageRenderer renderer;

	private final ServeStore store;

	private final Clock clock;

	ServeService(ActionService actions, DataopsClient dataops, MessageRenderer renderer, ServeStore store) {
		this.actions = actions;
		this.dataops = dataops;
		this.renderer = renderer;
		this.store = store;
		this.clock = Clock.systemUTC();
	}

	// ---------------------------------------------------------------- learners

	/**
	 * The page of a signed-in learner.
	 * @param actionId the action
	 * @param learnerEmail the account's email
	 * @return the page, or {@link LearnerPage#unavailable()} when there is nothing for
	 * them (no action, off, outside the window, no row)
	 */
	public LearnerPage learnerPage(long actionId, String learnerEmail) {
		Optional<ServeStore.Served> served = this.store.served(actionId);
		if (served.isEmpty()) {
			return LearnerPage.unavailable();
		}
		ServeSettings settings = this.store.settings(actionId);
		if (!settings.openAt(this.clock.instant())) {
			this.store.recordView(actionId, learnerEmail, "unavailable");
			return LearnerPage.unavailable();
		}
		Optional<Loaded> loaded = Optional
			.ofNullable(asOwner(served.get(), () -> load(served.get(), settings, learnerEmail, true)))
			.flatMap((found) -> found);
		this.store.recordView(actionId, learnerEmail, loaded.isPresent() ? "shown" : "unavailable");
		return loaded.map(Loaded::page).orElse(LearnerPage.unavailable());
	}

	/**
	 * Saves a learner's answers into their own row.
	 * @param actionId the action
	 * @param learnerEmail the account's email
	 * @param form the submitted fields; only {@code q<question id>} of the questions
	 * shown to this learner are read
	 * @return saved, unavailable, or refused with the reason and the page to show again
	 */
	public Submission submit(long actionId, String learnerEmail, Map<String, String> form) {
		Optional<ServeStore.Served> served = this.store.served(actionId);
		if (served.isEmpty()) {
			return Submission.unavailable();
		}
		ServeSettings settings = this.store.settings(actionId);
		if (!settings.openAt(this.clock.instant())) {
			this.store.recordView(actionId, learnerEmail, "unavailable");
			return Submission.unavailable();
		}
		Submission submission = asOwner(served.get(), () -> {
			Optional<Loaded> loaded = load(served.get(), settings, learnerEmail, true);
			if (loaded.isEmpty() || !loaded.get().page().isSurvey()) {
				return Submission.unavailable();
			}
			return save(served.get().workflowId(), loaded.get(), form, true);
		});
		if (submission == null) {
			return Submission.unavailable();
		}
		if (submission.saved()) {
			this.store.recordView(actionId, learnerEmail, "answered");
		}
		return submission;
	}

	private <T> T asOwner(ServeStore.Served served, Supplier<T> work) {
		try {
			return InternalCalls.actingAs(served.ownerEmail(), work);
		}
		catch (ResponseStatusException ex) {
			if (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				throw ex;
			}
			// e.g. the owner has just lost the workflow: nothing to show
			log.info("Learner page of action {} not available: {}", served.actionId(), ex.getReason());
			return null;
		}
	}

	// ---------------------------------------------------------------- instructors

	/**
	 * The serve settings of an action.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @return the settings
	 */
	public ServeSettings settings(long workflowId, long actionId, String email) {
		this.actions.get(workflowId, actionId, email);
		return this.store.settings(actionId);
	}

	/**
	 * Changes the serve settings of an action.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @param request the new settings (absent parts: off, no window, the email column, no
	 * shuffle)
	 * @return the settings saved
	 */
	public ServeSettings updateSettings(long workflowId, long actionId, String email, ServeSettings request) {
		this.actions.get(workflowId, actionId, email);
		String learnerColumn = (request.learnerColumn() != null && !request.learnerColumn().isBlank())
				? request.learnerColumn().strip() : null;
		if (request.activeFrom() != null && request.activeTo() != null
				&& !request.activeFrom().isBefore(request.activeTo())) {
			throw new InvalidServeException("The page must open (from) before it closes (to).");
		}
		if (learnerColumn != null) {
			List<DataColumn> columns = this.dataops.columns(workflowId);
			DataColumn column = columns.stream()
				.filter((c) -> c.name().equals(learnerColumn))
				.findFirst()
				.orElseThrow(
						() -> new InvalidServeException("There is no column \"" + learnerColumn + "\" in the table."));
			if (!"string".equals(column.type())) {
				throw new InvalidServeException("Column \"" + learnerColumn + "\" holds " + column.type()
						+ " values; the learner column must hold the learners' emails (text).");
			}
		}
		ServeSettings settings = new ServeSettings(request.enabled(), request.activeFrom(), request.activeTo(),
				learnerColumn, request.shuffle());
		this.store.save(actionId, settings);
		return settings;
	}

	/**
	 * The visits of an action's page.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @param limit how many of the latest to list
	 * @return counts and the latest visits
	 */
	public Views views(long workflowId, long actionId, String email, int limit) {
		this.actions.get(workflowId, actionId, email);
		ServeStore.ViewCounts counts = this.store.viewCounts(actionId);
		return new Views(counts.shown(), counts.learners(), counts.answered(), counts.unavailable(),
				this.store.views(actionId, limit));
	}

	/**
	 * The questions of a survey with what the editor shows of them.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @return the questions
	 */
	public List<QuestionInfo> questions(long workflowId, long actionId, String email) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		List<DataColumn> columns = this.dataops.columns(workflowId);
		List<QuestionInfo> infos = new ArrayList<>();
		for (SurveyQuestion question : this.store.questions(actionId)) {
			Optional<DataColumn> column = columns.stream()
				.filter((c) -> c.name().equals(question.column()))
				.findFirst();
			String condition = conditionName(action, question.conditionId());
			infos.add(new QuestionInfo(question.id(), question.column(), question.label(),
					column.map(DataColumn::description).orElse(""), column.map(DataColumn::type).orElse(""),
					question.conditionId(), condition, question.locked(), column.isPresent()));
		}
		return infos;
	}

	/**
	 * Adds a column as a question.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @param request the question
	 */
	public void addQuestion(long workflowId, long actionId, String email, QuestionRequest request) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		ActionType type = ActionType.fromCode(action.type()).orElseThrow();
		if (!type.isSurvey()) {
			throw new InvalidServeException("Only surveys and to-do lists have questions.");
		}
		String name = (request.column() != null) ? request.column().strip() : "";
		if (name.isEmpty()) {
			throw new InvalidServeException("Choose the column that holds the answers.");
		}
		List<DataColumn> columns = this.dataops.columns(workflowId);
		DataColumn column = columns.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new InvalidServeException("There is no column \"" + name + "\" in the table."));
		if (type == ActionType.TODO_LIST && !"boolean".equals(column.type())) {
			throw new InvalidServeException("An item of a to-do list is a true/false column; \"" + name + "\" holds "
					+ column.type() + " values.");
		}
		ServeSettings settings = this.store.settings(actionId);
		Optional<DataColumn> learnerColumn = learnerColumn(settings, columns);
		if (column.key() || learnerColumn.filter((c) -> c.name().equals(name)).isPresent()) {
			throw new InvalidServeException(
					"Column \"" + name + "\" identifies learners; it cannot be a question (answers would change it).");
		}
		if (this.store.questions(actionId).stream().anyMatch((q) -> q.column().equals(name))) {
			throw new InvalidServeException("Column \"" + name + "\" is already a question of this survey.");
		}
		this.store.addQuestion(actionId, name, label(request.label()), condition(action, request.conditionId()),
				Boolean.TRUE.equals(request.locked()));
	}

	/**
	 * Changes a question's text, condition and lock.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param questionId the question
	 * @param email the instructor
	 * @param request the new state (the column stays)
	 */
	public void updateQuestion(long workflowId, long actionId, long questionId, String email, QuestionRequest request) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		if (this.store.updateQuestion(actionId, questionId, label(request.label()),
				condition(action, request.conditionId()), Boolean.TRUE.equals(request.locked())) == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"There is no question " + questionId + " in action \"" + action.name() + "\".");
		}
	}

	/**
	 * Removes a question (the column and its answers stay in the table).
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param questionId the question
	 * @param email the instructor
	 */
	public void removeQuestion(long workflowId, long actionId, long questionId, String email) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		if (this.store.removeQuestion(actionId, questionId) == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"There is no question " + questionId + " in action \"" + action.name() + "\".");
		}
	}

	/**
	 * Gives an imported action its learner page settings and questions (the caller has
	 * checked the user's access and created the action and the columns).
	 * @param action the new action
	 * @param settings its settings
	 * @param questions its questions in order
	 */
	public void importInto(ActionResponse action, ServeSettings settings, List<ImportedQuestion> questions) {
		this.store.save(action.id(), settings);
		for (ImportedQuestion question : questions) {
			Long conditionId = (question.condition() == null) ? null
					: action.conditions()
						.stream()
						.filter((c) -> c.name().equals(question.condition()))
						.map(ConditionResponse::id)
						.findFirst()
						.orElseThrow(() -> new InvalidServeException(
								"Question \"" + question.column() + "\" is shown under condition \""
										+ question.condition() + "\", which the action does not have."));
			this.store.addQuestion(action.id(), question.column(), label(question.label()), conditionId,
					question.locked());
		}
	}

	/**
	 * A question of an imported survey.
	 *
	 * @param column its column
	 * @param condition the name of the action's condition that must hold, null for always
	 * @param locked whether learners cannot change it once answered
	 * @param label the question's text (the column's description in the file)
	 */
	public record ImportedQuestion(String column, String condition, boolean locked, String label) {
	}

	/**
	 * The learners an instructor may fill the survey for: those the action's filter
	 * selects, whose learner column contains the search text.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @param search text to look for in the learner column, blank for all
	 * @param page from 0
	 * @return one page of learners
	 */
	public Learners learners(long workflowId, long actionId, String email, String search, int page) {
		ActionResponse action = this.actions.get(workflowId, actionId, email);
		List<DataColumn> columns = this.dataops.columns(workflowId);
		Optional<DataColumn> learnerColumn = learnerColumn(this.store.settings(actionId), columns);
		if (learnerColumn.isEmpty()) {
			throw new InvalidServeException(
					"The table has no email column; choose the learner column in the action's learner page settings.");
		}
		String column = learnerColumn.get().name();
		SelectionRequest base = ActionService.selectionOf(action, List.of(column), 0, 0);
		JsonNode filter = base.filter();
		String text = (search != null) ? search.strip() : "";
		if (!text.isEmpty()) {
			filter = and(filter, rule(column, "contains", text));
		}
		int offset = Math.max(0, page) * LEARNERS_PAGE;
		Selection selection = this.dataops.selection(workflowId,
				new SelectionRequest(filter, Map.of(), List.of(column), offset, LEARNERS_PAGE));
		List<String> values = selection.rows()
			.stream()
			.map((row) -> FormValue.of(row.values().get(column)))
			.filter((value) -> !value.isEmpty())
			.toList();
		return new Learners(column, values, selection.total(), Math.max(0, page), text);
	}

	/**
	 * The survey of one learner as an instructor fills it (no window, no lock).
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @param learner the learner's value in the learner column
	 * @return the page, unavailable when the filter does not select exactly that learner
	 */
	public LearnerPage instructorPage(long workflowId, long actionId, String email, String learner) {
		return instructorLoad(workflowId, actionId, email, learner).map(Loaded::page).orElse(LearnerPage.unavailable());
	}

	/**
	 * Saves the answers an instructor entered for a learner.
	 * @param workflowId the workflow
	 * @param actionId the action
	 * @param email the instructor
	 * @param learner the learner's value in the learner column
	 * @param form the submitted fields
	 * @return the outcome
	 */
	public Submission instructorSubmit(long workflowId, long actionId, String email, String learner,
			Map<String, String> form) {
		Optional<Loaded> loaded = instructorLoad(workflowId, actionId, email, learner);
		if (loaded.isEmpty() || !loaded.get().page().isSurvey()) {
			return Submission.unavailable();
		}
		return save(workflowId, loaded.get(), form, false);
	}

	private Optional<Loaded> instructorLoad(long workflowId, long actionId, String email, String learner) {
		this.actions.get(workflowId, actionId, email);
		ServeStore.Served served = new ServeStore.Served(actionId, workflowId, email);
		return load(served, this.store.settings(actionId), (learner != null) ? learner : "", false);
	}

	// ---------------------------------------------------------------- the page

	/**
	 * The page of the one row the action's filter selects with the learner column equal
	 * to the given value; empty when there is not exactly one.
	 */
	private Optional<Loaded> load(ServeStore.Served served, ServeSettings settings, String learnerValue,
			boolean learnerMode) {
		ActionResponse action = this.actions.get(served.workflowId(), served.actionId(), served.ownerEmail());
		ActionType type = ActionType.fromCode(action.type()).orElseThrow();
		List<DataColumn> columns = this.dataops.columns(served.workflowId());
		Optional<DataColumn> learnerColumn = learnerColumn(settings, columns);
		if (learnerColumn.isEmpty() || !"string".equals(learnerColumn.get().type()) || learnerValue.isBlank()) {
			return Optional.empty();
		}
		MessageRenderer.Prepared prepared;
		try {
			prepared = this.renderer.prepare(action, columns);
		}
		catch (TemplateException ex) {
			log.info("Learner page of action {} cannot be produced: {}", action.id(), ex.getMessage());
			return Optional.empty();
		}
		Map<String, DataColumn> byName = new LinkedHashMap<>();
		columns.forEach((c) -> byName.put(c.name(), c));
		List<SurveyQuestion> questions = type.isSurvey()
				? this.store.questions(action.id()).stream().filter((q) -> byName.containsKey(q.column())).toList()
				: List.of();
		List<String> wanted = new ArrayList<>(prepared.columnsUsed());
		for (SurveyQuestion question : questions) {
			if (!wanted.contains(question.column())) {
				wanted.add(question.column());
			}
		}
		String learnerName = learnerColumn.get().name();
		if (!wanted.contains(learnerName)) {
			wanted.add(learnerName);
		}
		SelectionRequest base = ActionService.selectionOf(action, wanted, 0, 2);
		JsonNode filter = and(base.filter(), rule(learnerName, "equal", learnerValue));
		Selection selection = this.dataops.selection(served.workflowId(),
				new SelectionRequest(filter, base.conditions(), wanted, 0, 2));
		if (selection.rows().size() != 1) {
			// nobody, or a learner column that is not unique: never guess whose row it is
			return Optional.empty();
		}
		Selection.Row row = selection.rows().get(0);
		String html;
		try {
			html = prepared.render(row).html();
		}
		catch (TemplateException ex) {
			log.info("Learner page of action {} cannot be produced: {}", action.id(), ex.getMessage());
			return Optional.empty();
		}
		List<Question> shown = new ArrayList<>();
		for (SurveyQuestion question : questions) {
			String condition = conditionName(action, question.conditionId());
			if (condition != null && !Boolean.TRUE.equals(row.conditions().get(condition))) {
				continue;
			}
			DataColumn column = byName.get(question.column());
			Object value = row.values().get(question.column());
			boolean readOnly = learnerMode && question.locked() && value != null;
			String label = !question.label().isBlank() ? question.label()
					: (!column.description().isBlank() ? column.description() : column.name());
			shown.add(new Question(question.id(), label, column.name(), input(type, column),
					column.categories().stream().map(FormValue::of).toList(), FormValue.of(value), readOnly));
		}
		if (settings.shuffle() && learnerMode) {
			Collections.shuffle(shown, new Random(seed(action.id(), learnerValue)));
		}
		LearnerPage page = new LearnerPage(true, action.name(), action.description(), html, type.code(),
				List.copyOf(shown), learnerValue);
		return Optional.of(new Loaded(page, row));
	}

	/** The same order for the same learner every time, another for each learner. */
	static long seed(long actionId, String learner) {
		return (actionId + ":" + learner.toLowerCase(Locale.ROOT)).hashCode() * 31L + actionId;
	}

	private Submission save(long workflowId, Loaded loaded, Map<String, String> form, boolean learnerMode) {
		Map<String, Object> values = new LinkedHashMap<>();
		boolean todo = loaded.page().type().equals(ActionType.TODO_LIST.code());
		for (Question question : loaded.page().questions()) {
			String raw = form.get("q" + question.id());
			if (question.readOnly()) {
				if (raw != null && !raw.strip().equals(question.value())) {
					return Submission.refused(loaded.page(), form,
							"\"" + question.label() + "\" was answered already and cannot be changed.");
				}
				continue;
			}
			if (todo) {
				raw = (raw != null) ? "true" : "false";
			}
			if (raw == null) {
				continue;
			}
			String answer = raw.strip();
			if (answer.isEmpty()) {
				values.put(question.column(), null);
				continue;
			}
			String problem = problem(question, answer);
			if (problem != null) {
				return Submission.refused(loaded.page(), form, problem);
			}
			values.put(question.column(), answer);
		}
		if (!values.isEmpty()) {
			try {
				this.dataops.updateRow(workflowId, loaded.row().rowId(), values);
			}
			catch (DataopsRefusedException ex) {
				return Submission.refused(loaded.page(), form, ex.getReason());
			}
		}
		return Submission.done(learnerMode);
	}

	/** Why an answer does not fit its question, or null when it does. */
	static String problem(Question question, String answer) {
		String what = "\"" + question.label() + "\"";
		if (answer.length() > MAX_ANSWER) {
			return what + " takes at most " + MAX_ANSWER + " characters.";
		}
		if (!question.options().isEmpty()) {
			return question.options().contains(answer) ? null
					: what + " must be one of " + String.join(", ", question.options()) + ".";
		}
		switch (question.input()) {
			case "integer":
				try {
					new BigDecimal(answer).longValueExact();
					return null;
				}
				catch (NumberFormatException | ArithmeticException ex) {
					return what + " needs a whole number, not \"" + answer + "\".";
				}
			case "double":
				try {
					double number = Double.parseDouble(answer);
					return Double.isFinite(number) ? null : what + " needs a number, not \"" + answer + "\".";
				}
				catch (NumberFormatException ex) {
					return what + " needs a number, not \"" + answer + "\".";
				}
			case "boolean":
			case "checkbox":
				return (answer.equals("true") || answer.equals("false")) ? null
						: what + " must be true or false, not \"" + answer + "\".";
			default:
				return null;
		}
	}

	private static String input(ActionType type, DataColumn column) {
		if (!column.categories().isEmpty()) {
			return "select";
		}
		return switch (column.type()) {
			case "boolean" -> (type == ActionType.TODO_LIST) ? "checkbox" : "boolean";
			case "integer", "double", "datetime" -> column.type();
			default -> "text";
		};
	}

	/**
	 * The column holding the learners' emails: the one chosen, else the column called
	 * "email" (any case), else the first key column whose name contains "email".
	 */
	static Optional<DataColumn> learnerColumn(ServeSettings settings, List<DataColumn> columns) {
		if (settings.learnerColumn() != null) {
			return columns.stream().filter((c) -> c.name().equals(settings.learnerColumn())).findFirst();
		}
		Optional<DataColumn> named = columns.stream().filter((c) -> c.name().equalsIgnoreCase("email")).findFirst();
		if (named.isPresent()) {
			return named;
		}
		return columns.stream()
			.filter((c) -> c.key() && "string".equals(c.type()) && c.name().toLowerCase(Locale.ROOT).contains("email"))
			.findFirst();
	}

	/** A rule of the original's formula JSON comparing a text column with a constant. */
	static ObjectNode rule(String column, String operator, String value) {
		ObjectNode rule = JsonNodeFactory.instance.objectNode();
		rule.put("id", column);
		rule.put("field", column);
		rule.put("type", "string");
		rule.put("input", "text");
		rule.put("operator", operator);
		rule.put("value", value);
		return rule;
	}

	/** Both formulas; a null filter selects everyone. */
	static JsonNode and(JsonNode filter, JsonNode rule) {
		ObjectNode group = JsonNodeFactory.instance.objectNode();
		group.put("condition", "AND");
		group.put("not", false);
		ArrayNode rules = group.putArray("rules");
		if (filter != null && !filter.isNull() && !filter.isEmpty()) {
			rules.add(filter);
		}
		rules.add(rule);
		group.put("valid", true);
		return group;
	}

	private static String conditionName(ActionResponse action, Long conditionId) {
		if (conditionId == null) {
			return null;
		}
		return action.conditions()
			.stream()
			.filter((c) -> c.id() == conditionId)
			.map(ConditionResponse::name)
			.findFirst()
			.orElse(null);
	}

	private Long condition(ActionResponse action, Long conditionId) {
		if (conditionId == null) {
			return null;
		}
		if (!this.store.conditionOf(action.id(), conditionId)) {
			throw new InvalidServeException("Action \"" + action.name() + "\" has no condition " + conditionId + ".");
		}
		return conditionId;
	}

	private static String label(String label) {
		String text = (label != null) ? label.strip() : "";
		if (text.length() > 2000) {
			throw new InvalidServeException("A question's text can have at most 2000 characters.");
		}
		return text;
	}

	/** A page and the row it was built from (the row id never leaves the server). */
	private record Loaded(LearnerPage page, Selection.Row row) {
	}

	/**
	 * One question as a learner sees it.
	 *
	 * @param id its id (the form field is {@code q<id>})
	 * @param label its text
	 * @param column its column
	 * @param input {@code select}, {@code boolean}, {@code checkbox}, {@code integer},
	 * {@code double}, {@code datetime} or {@code text}
	 * @param options the allowed answers, empty for any
	 * @param value the current answer as text, empty for none
	 * @param readOnly whether it is locked (answered and not changeable)
	 */
	public record Question(long id, String label, String column, String input, List<String> options, String value,
			boolean readOnly) {
	}

	/**
	 * A question as the editor shows it.
	 *
	 * @param id its id
	 * @param column its column
	 * @param label its own text, empty for the column's description
	 * @param columnDescription the column's description
	 * @param type the column's type, empty when the column is gone
	 * @param conditionId its condition
	 * @param conditionName its condition's name, null for always
	 * @param locked whether it is locked once answered
	 * @param columnExists whether the column is still in the table
	 */
	public record QuestionInfo(long id, String column, String label, String columnDescription, String type,
			Long conditionId, String conditionName, boolean locked, boolean columnExists) {
	}

	/**
	 * A question to add or change.
	 *
	 * @param column the column (when adding)
	 * @param label its text, empty for the column's description
	 * @param conditionId the action's condition that must hold, null for always
	 * @param locked whether learners cannot change it once answered
	 */
	public record QuestionRequest(String column, String label, Long conditionId, Boolean locked) {
	}

	/**
	 * The visits of a page.
	 *
	 * @param shown visits that showed a learner their page
	 * @param learners distinct learners who saw it
	 * @param answered surveys saved
	 * @param unavailable visits that found nothing
	 * @param latest the latest visits, newest first
	 */
	public record Views(long shown, long learners, long answered, long unavailable, List<ServeView> latest) {
	}

	/**
	 * One page of the learners of a survey.
	 *
	 * @param column the learner column
	 * @param values their values in it
	 * @param total how many match
	 * @param page this page, from 0
	 * @param search the search text
	 */
	public record Learners(String column, List<String> values, long total, int page, String search) {

		/**
		 * Whether there is a next page.
		 * @return true when more match
		 */
		public boolean hasNext() {
			return (long) (this.page + 1) * LEARNERS_PAGE < this.total;
		}

	}

	/**
	 * The outcome of a submitted survey.
	 *
	 * @param saved whether the answers were written
	 * @param available false when there is nothing for this user (the page shown instead)
	 * @param page the page to show again when refused
	 * @param form what was typed, shown again when refused
	 * @param error why it was refused
	 */
	public record Submission(boolean saved, boolean available, LearnerPage page, Map<String, String> form,
			String error) {

		static Submission unavailable() {
			return new Submission(false, false, null, Map.of(), null);
		}

		static Submission done(boolean learner) {
			return new Submission(true, true, null, Map.of(), null);
		}

		static Submission refused(LearnerPage page, Map<String, String> form, String error) {
			return new Submission(false, true, page, form, error);
		}

	}

}
