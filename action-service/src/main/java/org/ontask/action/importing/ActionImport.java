package org.ontask.action.importing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.action.ActionType;
import org.ontask.action.action.ConditionRequest;
import org.ontask.action.action.CreateActionRequest;
import org.ontask.action.dataops.DataColumn;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.action.dataops.DataopsRefusedException;
import org.ontask.action.dataops.NewColumns;
import org.ontask.action.serve.ServeService;
import org.ontask.action.serve.ServeSettings;
import org.ontask.formula.ColumnResolver;
import org.ontask.formula.ColumnType;
import org.ontask.formula.FormulaException;
import org.ontask.formula.Formulas;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the original's action export files into a workflow. The file is read and every
 * action checked first (types, names, columns, formulas); then the missing columns are
 * created in one all-or-nothing call to dataops; then the actions, their conditions,
 * questions and learner page settings are created in one transaction. A refusal at any
 * step before that leaves the workflow as it was.
 */
@Service
public class ActionImport {

	/** The most a file may hold once decompressed. */
	static final int MAX_BYTES = 8 * 1024 * 1024;

	static final int MAX_ACTIONS = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ActionService actions;

	private final DataopsClient dataops;

	private final ServeService serve;

	private final TransactionTemplate transaction;

	ActionImport(ActionService actions, DataopsClient dataops, ServeService serve, TransactionTemplate transaction) {
		this.actions = actions;
		this.dataops = dataops;
		this.serve = serve;
		this.transaction = transaction;
	}

	/**
	 * Imports an export file.
	 * @param workflowId the workflow
	 * @param email the instructor
	 * @param gzip the file, gzip'd JSON
	 * @return what was created
	 * @throws ImportRefusedException when the file cannot be imported (nothing created)
	 */
	public ImportResult importFile(long workflowId, String email, InputStream gzip) {
		this.actions.workflowName(workflowId, email);
		return importActions(workflowId, email, read(gzip));
	}

	/**
	 * Adds a ready-made survey.
	 * @param workflowId the workflow
	 * @param email the instructor
	 * @param key the survey's key in {@link SurveyCatalogue}
	 * @return what was created
	 */
	public ImportResult importCatalogue(long workflowId, String email, String key) {
		SurveyCatalogue.Entry entry = SurveyCatalogue.find(key)
			.orElseThrow(() -> new ImportRefusedException(HttpStatus.NOT_FOUND, "There is no ready-made survey \"" + key
					+ "\"; there are " + SurveyCatalogue.ENTRIES.stream().map((e) -> e.key()).toList() + "."));
		this.actions.workflowName(workflowId, email);
		try (InputStream in = new ClassPathResource(entry.resource()).getInputStream()) {
			return importActions(workflowId, email, read(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The ready-made survey " + key + " is missing from the service", ex);
		}
	}

	private ImportResult importActions(long workflowId, String email, List<Imported> imported) {
		List<DataColumn> table = this.dataops.columns(workflowId);
		if (table.isEmpty()) {
			throw new ImportRefusedException(
					"The workflow has no table yet; upload the learners' data before importing actions.");
		}
		Map<String, DataColumn> existing = new LinkedHashMap<>();
		table.forEach((c) -> existing.put(c.name(), c));
		Set<String> names = new HashSet<>();
		for (ActionResponse action : this.actions.list(workflowId, email)) {
			names.add(action.name());
		}
		// the columns every action needs, checked against the table
		Map<String, ImportedColumn> toCreate = new LinkedHashMap<>();
		List<String> notes = new ArrayList<>();
		for (Imported action : imported) {
			if (!names.add(action.name())) {
				throw new ImportRefusedException("There is already an action called \"" + action.name()
						+ "\" in this workflow; rename or delete it before importing.");
			}
			for (ImportedColumn column : action.columns()) {
				DataColumn found = existing.get(column.name());
				if (found != null) {
					if (!found.type().equals(column.type())) {
						throw new ImportRefusedException(
								"Column \"" + column.name() + "\" holds " + found.type() + " values in this table but "
										+ column.type() + " values in the file; nothing was imported.");
					}
				}
				else if (column.key()) {
					throw new ImportRefusedException("The file needs the key column \"" + column.name()
							+ "\", which this table does not have; nothing was imported.");
				}
				else {
					ImportedColumn other = toCreate.putIfAbsent(column.name(), column);
					if (other != null && !other.type().equals(column.type())) {
						throw new ImportRefusedException("Column \"" + column.name() + "\" has two types in the file ("
								+ other.type() + " and " + column.type() + ").");
					}
				}
			}
			Set<String> conditionNames = new HashSet<>();
			action.conditions().forEach((c) -> conditionNames.add(c.name()));
			for (ServeService.ImportedQuestion question : action.questions()) {
				if (question.condition() != null && !conditionNames.contains(question.condition())) {
					throw new ImportRefusedException("Question \"" + question.column() + "\" of \"" + action.name()
							+ "\" is shown under condition \"" + question.condition()
							+ "\", which the file does not define.");
				}
				if (!existing.containsKey(question.column()) && !toCreate.containsKey(question.column())) {
					throw new ImportRefusedException("Question \"" + question.column() + "\" of \"" + action.name()
							+ "\" has no column definition in the file and no column in the table.");
				}
			}
			if (action.rubric()) {
				notes.add("\"" + action.name() + "\": the rubric's feedback cells are not imported.");
			}
		}
		// every formula must fit the table as it will be
		Map<String, ColumnType> types = new LinkedHashMap<>();
		existing.values().forEach((c) -> c.columnType().ifPresent((t) -> types.put(c.name(), t)));
		toCreate.values().forEach((c) -> ColumnType.fromJsonName(c.type()).ifPresent((t) -> types.put(c.name(), t)));
		ColumnResolver resolver = ColumnResolver.ofTypes(types);
		for (Imported action : imported) {
			check(action.name(), "filter", action.filter(), resolver);
			for (ConditionRequest condition : action.conditions()) {
				check(action.name(), "condition \"" + condition.name() + "\"", condition.formula(), resolver);
			}
		}
		List<String> created = createColumns(workflowId, toCreate);
		List<ImportResult.Created> done = this.transaction.execute((status) -> {
			List<ImportResult.Created> result = new ArrayList<>();
			for (Imported action : imported) {
				ActionResponse saved = this.actions.create(workflowId, email,
						new CreateActionRequest(action.name(), action.type().code(), action.description(), "",
								action.text(), action.filter(), action.conditions()));
				if (action.type().isSurvey() || action.serve()) {
					String learnerColumn = action.learnerColumn();
					if (learnerColumn != null && (!existing.containsKey(learnerColumn)
							|| !"string".equals(existing.get(learnerColumn).type()))) {
						learnerColumn = null;
					}
					// off until the instructor has looked at it
					this.serve.importInto(saved, new ServeSettings(false, action.activeFrom(), action.activeTo(),
							learnerColumn, action.shuffle()), action.questions());
				}
				result.add(new ImportResult.Created(saved.id(), saved.name(), saved.type(), action.questions().size()));
			}
			return result;
		});
		if (done.stream().anyMatch((c) -> ActionType.fromCode(c.type()).map(ActionType::isSurvey).orElse(false))) {
			notes.add("Learner pages of imported actions are off: check them, then turn them on.");
		}
		return new ImportResult(done, created, notes);
	}

	private List<String> createColumns(long workflowId, Map<String, ImportedColumn> toCreate) {
		if (toCreate.isEmpty()) {
			return List.of();
		}
		List<NewColumns.Column> columns = toCreate.values()
			.stream()
			.map((c) -> new NewColumns.Column(c.name(), c.type(), c.description(), c.categories()))
			.toList();
		try {
			this.dataops.addColumns(workflowId, columns);
		}
		catch (DataopsRefusedException ex) {
			if (ex.getStatusCode().value() == 404 || ex.getStatusCode().value() == 405) {
				throw new ImportRefusedException("The table lacks the columns " + String.join(", ", toCreate.keySet())
						+ " and they could not be created (" + ex.getReason()
						+ "); add them to the table, then import again. Nothing was imported.");
			}
			throw new ImportRefusedException(HttpStatus.valueOf(ex.getStatusCode().value()),
					ex.getReason() + " Nothing was imported.");
		}
		return List.copyOf(toCreate.keySet());
	}

	private static void check(String action, String what, JsonNode formula, ColumnResolver resolver) {
		if (formula == null || formula.isNull()) {
			return;
		}
		try {
			List<String> problems = Formulas.problems(JSON.writeValueAsString(formula), resolver);
			if (!problems.isEmpty()) {
				throw new ImportRefusedException("The " + what + " of \"" + action + "\" does not fit the table: "
						+ String.join("; ", problems) + ". Nothing was imported.");
			}
		}
		catch (FormulaException ex) {
			throw new ImportRefusedException("The " + what + " of \"" + action + "\" cannot be read: "
					+ String.join("; ", ex.problems()) + ". Nothing was imported.");
		}
	}

	// ---------------------------------------------------------------- reading

	static List<Imported> read(InputStream gzip) {
		JsonNode root;
		try (InputStream in = new GZIPInputStream(gzip)) {
			byte[] bytes = in.readNBytes(MAX_BYTES + 1);
			if (bytes.length > MAX_BYTES) {
				throw new ImportRefusedException("The file is larger than " + (MAX_BYTES / 1024 / 1024)
						+ " MB once decompressed; it is not an action export.");
			}
			root = JSON.readTree(bytes);
		}
		catch (ZipException ex) {
			throw new ImportRefusedException("The file is not gzip'd; choose an action export file (.gz).");
		}
		catch (IOException | JacksonException ex) {
			throw new ImportRefusedException("The file cannot be read as an action export (gzip'd JSON).");
		}
		if (root != null && root.isObject() && (root.has("actions") || root.has("data_frame"))) {
			throw new ImportRefusedException(
					"This is a whole workflow's export, not an action export; import it as a workflow.");
		}
		if (root == null || !root.isArray() || root.isEmpty()) {
			throw new ImportRefusedException("The file holds no actions (an action export is a JSON list).");
		}
		if (root.size() > MAX_ACTIONS) {
			throw new ImportRefusedException("The file holds more than " + MAX_ACTIONS + " actions.");
		}
		List<Imported> imported = new ArrayList<>();
		int index = 0;
		for (JsonNode action : root) {
			index++;
			imported.add(action(action, index));
		}
		return imported;
	}

	private static Imported action(JsonNode node, int index) {
		if (!node.isObject()) {
			throw new ImportRefusedException("Entry " + index + " of the file is not an action.");
		}
		String name = text(node, "name").strip();
		if (name.isEmpty()) {
			throw new ImportRefusedException("Action " + index + " of the file has no name.");
		}
		String code = text(node, "action_type");
		boolean legacySurvey = code.isEmpty() && node.path("columns").isArray() && !node.path("is_out").asBoolean(true);
		if (code.isEmpty()) {
			code = legacySurvey ? "survey" : "personalized_text";
		}
		String typeCode = code;
		ActionType type = ActionType.fromCode(code)
			.orElseThrow(() -> new ImportRefusedException("\"" + name + "\" is a " + typeCode
					+ " action, which this OnTask cannot import; nothing was imported."));
		String text = node.has("text_content") ? text(node, "text_content") : text(node, "content");
		JsonNode filter = formula(node.get("filter"));
		List<ConditionRequest> conditions = new ArrayList<>();
		for (JsonNode condition : node.path("conditions")) {
			if (condition.path("is_filter").asBoolean(false)) {
				filter = formula(condition);
				continue;
			}
			conditions.add(new ConditionRequest(text(condition, "name"), text(condition, "description_text"),
					formula(condition)));
		}
		List<ImportedColumn> columns = new ArrayList<>();
		Map<String, ImportedColumn> byName = new LinkedHashMap<>();
		for (JsonNode column : node.path("used_columns")) {
			String columnName = text(column, "name");
			String dataType = text(column, "data_type");
			if (columnName.isBlank() || ColumnType.fromJsonName(dataType).isEmpty()) {
				throw new ImportRefusedException("Column \"" + columnName + "\" of \"" + name + "\" has the type \""
						+ dataType + "\", which is not one of integer, double, string, boolean and datetime.");
			}
			List<Object> categories = new ArrayList<>();
			column.path("categories").forEach((c) -> categories.add(c.isNumber() ? c.numberValue() : c.asString()));
			ImportedColumn imported = new ImportedColumn(columnName, dataType, column.path("is_key").asBoolean(false),
					text(column, "description_text"), categories);
			columns.add(imported);
			byName.put(columnName, imported);
		}
		List<ServeService.ImportedQuestion> questions = new ArrayList<>();
		String learnerColumn = null;
		if (type.isSurvey()) {
			JsonNode pairs = node.path("column_condition_pair");
			if (pairs.isArray() && !pairs.isEmpty()) {
				for (JsonNode pair : pairs) {
					String column = pair.path("column").path("name").asString("");
					ImportedColumn definition = byName.get(column);
					if (definition != null && definition.key()) {
						learnerColumn = column;
						continue;
					}
					JsonNode condition = pair.path("condition");
					questions.add(new ServeService.ImportedQuestion(column,
							condition.isObject() ? condition.path("name").asString(null) : null,
							!pair.path("changes_allowed").asBoolean(true), description(definition)));
				}
			}
			else {
				// files written before questions had conditions list the columns
				for (JsonNode column : node.path("columns")) {
					String columnName = column.path("name").asString("");
					ImportedColumn definition = byName.get(columnName);
					if (definition != null && definition.key()) {
						learnerColumn = columnName;
						continue;
					}
					questions.add(new ServeService.ImportedQuestion(columnName, null, false, description(definition)));
				}
			}
		}
		return new Imported(name, text(node, "description_text"), type, text, filter, conditions, columns, questions,
				learnerColumn, node.path("serve_enabled").asBoolean(false), instant(node, "active_from"),
				instant(node, "active_to"), node.path("shuffle").asBoolean(false), type == ActionType.RUBRIC_TEXT);
	}

	/**
	 * The question's text: the column's description in the file, kept with the question
	 * so it shows even where the table's column has none.
	 */
	private static String description(ImportedColumn column) {
		String text = (column != null) ? column.description().strip() : "";
		return (text.length() > 2000) ? text.substring(0, 2000) : text;
	}

	/** A formula of the file: {@code _formula} or, in older files, {@code formula}. */
	private static JsonNode formula(JsonNode holder) {
		if (holder == null || holder.isNull() || !holder.isObject()) {
			return null;
		}
		JsonNode formula = holder.has("_formula") ? holder.get("_formula") : holder.get("formula");
		return (formula == null || formula.isNull()) ? null : formula;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? "" : value.asString("");
	}

	private static Instant instant(JsonNode node, String field) {
		String value = text(node, field);
		if (value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	record ImportedColumn(String name, String type, boolean key, String description, List<Object> categories) {
	}

	record Imported(String name, String description, ActionType type, String text, JsonNode filter,
			List<ConditionRequest> conditions, List<ImportedColumn> columns,
			List<ServeService.ImportedQuestion> questions, String learnerColumn, boolean serve, Instant activeFrom,
			Instant activeTo, boolean shuffle, boolean rubric) {
	}

}
