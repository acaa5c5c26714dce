package org.ontask.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the formula JSON (jQuery QueryBuilder rules) into a tree, checking its structure,
 * the operators and how many values each rule has. Column types are not needed here.
 */
final class FormulaReader {

	/** Deeper nesting than any editor produces; the limit keeps recursion bounded. */
	static final int MAX_DEPTH = 32;

	static final int MAX_RULES = 1000;

	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final List<String> problems = new ArrayList<>();

	private int rules;

	private FormulaReader() {
	}

	/**
	 * The tree of the formula; null, blank text, JSON {@code null} and {@code {}} are the
	 * empty formula.
	 * @throws FormulaException if the JSON is not a well-formed formula
	 */
	static Node.Group read(String json) {
		return read(readJson(json));
	}

	static Node.Group read(JsonNode root) {
		if (root == null || root.isNull() || root.isMissingNode()) {
			return new Node.Group("the formula", false, false, List.of());
		}
		FormulaReader reader = new FormulaReader();
		if (!root.isObject()) {
			throw new FormulaException(List.of("A formula must be a JSON object, not " + kind(root)));
		}
		Node.Group group;
		if (isGroup(root) || root.isEmpty()) {
			group = reader.group(root, "", 1);
		}
		else {
			// a bare rule: accepted as a group of one
			Node rule = reader.rule(root, "rule 1");
			group = new Node.Group("the formula", false, false, (rule != null) ? List.of(rule) : List.of());
		}
		if (!reader.problems.isEmpty()) {
			throw new FormulaException(reader.problems);
		}
		return group;
	}

	static JsonNode readJson(String json) {
		if (json == null || json.isBlank()) {
			return null;
		}
		try {
			return MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			String where = (ex.getLocation() != null)
					? " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")"
					: "";
			throw new FormulaException(List.of("The formula is not valid JSON" + where + ": " + reason(ex)));
		}
	}

	/** Jackson's reason without its pointers into the source, which say nothing here. */
	private static String reason(JacksonException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		int source = message.indexOf(" (start marker at");
		if (source < 0) {
			source = message.indexOf(" [Source:");
		}
		message = (source < 0) ? message : message.substring(0, source);
		int line = message.indexOf('\n');
		return (line < 0) ? message : message.substring(0, line);
	}

	static boolean isGroup(JsonNode node) {
		return node.has("condition") || node.has("rules");
	}

	private Node.Group group(JsonNode node, String path, int depth) {
		String location = path.isEmpty() ? "the top group" : "group " + path;
		if (depth > MAX_DEPTH) {
			this.problems.add("Groups are nested more than " + MAX_DEPTH + " deep (" + location + ")");
			return null;
		}
		boolean or = false;
		JsonNode condition = node.get("condition");
		if (condition != null && !condition.isNull()) {
			String text = condition.isString() ? condition.stringValue().trim().toUpperCase(Locale.ROOT) : null;
			if ("OR".equals(text)) {
				or = true;
			}
			else if (!"AND".equals(text)) {
				this.problems
					.add("\"condition\" must be \"AND\" or \"OR\", not " + shown(condition) + " (" + location + ")");
			}
		}
		boolean not = false;
		JsonNode negated = node.get("not");
		if (negated != null && !negated.isNull()) {
			if (negated.isBoolean()) {
				not = negated.booleanValue();
			}
			else {
				this.problems.add("\"not\" must be true or false, not " + shown(negated) + " (" + location + ")");
			}
		}
		List<Node> children = new ArrayList<>();
		JsonNode rulesNode = node.get("rules");
		if (rulesNode != null && !rulesNode.isNull()) {
			if (!rulesNode.isArray()) {
				this.problems.add("\"rules\" must be a list, not " + kind(rulesNode) + " (" + location + ")");
			}
			else {
				int index = 0;
				for (JsonNode child : rulesNode) {
					index++;
					String childPath = path.isEmpty() ? String.valueOf(index) : path + "." + index;
					if (!child.isObject()) {
						this.problems
							.add("A rule must be a JSON object, not " + kind(child) + " (rule " + childPath + ")");
						continue;
					}
					Node parsed = isGroup(child) ? group(child, childPath, depth + 1)
							: rule(child, "rule " + childPath);
					if (parsed != null) {
						children.add(parsed);
					}
				}
			}
		}
		return new Node.Group(location, or, not, children);
	}

	private Node.Rule rule(JsonNode node, String location) {
		if (++this.rules > MAX_RULES) {
			if (this.rules == MAX_RULES + 1) {
				this.problems.add("A formula may have at most " + MAX_RULES + " rules");
			}
			return null;
		}
		int before = this.problems.size();
		String id = text(node, "id", location);
		String field = text(node, "field", location);
		String column = (field != null && !field.isEmpty()) ? field : id;
		if (column == null || column.isEmpty()) {
			this.problems.add("A rule names no column (\"field\" or \"id\") (" + location + ")");
			return null;
		}
		if (id != null && !id.isEmpty() && field != null && !field.isEmpty() && !id.equals(field)) {
			this.problems.add("A rule names two columns, " + quoted(id) + " as \"id\" and " + quoted(field)
					+ " as \"field\" (" + location + ")");
			return null;
		}
		String declaredType = text(node, "type", location);
		if (declaredType != null && ColumnType.fromJsonName(declaredType).isEmpty()) {
			this.problems.add("Unknown type " + quoted(declaredType) + " on column " + quoted(column)
					+ " (use integer, double, string, boolean or datetime) (" + location + ")");
		}
		String input = text(node, "input", location);
		String operatorName = text(node, "operator", location);
		if (operatorName == null || operatorName.isEmpty()) {
			this.problems.add("The rule on column " + quoted(column) + " has no operator (" + location + ")");
			return null;
		}
		Operator operator = Operator.fromJsonName(operatorName).orElse(null);
		if (operator == null) {
			this.problems.add("Unknown operator " + quoted(operatorName) + " on column " + quoted(column) + " ("
					+ location + ")");
			return null;
		}
		List<String> values = values(node.get("value"), column, operator, location);
		if (values == null || this.problems.size() > before) {
			return null;
		}
		return new Node.Rule(location, column, operator, values, declaredType, input);
	}

	private List<String> values(JsonNode value, String column, Operator operator, String location) {
		String on = "Operator " + quoted(operator.jsonName()) + " on column " + quoted(column);
		boolean absent = value == null || value.isNull() || value.isMissingNode()
				|| (value.isString() && value.stringValue().isEmpty()) || (value.isArray() && value.isEmpty());
		switch (operator.valueCount()) {
			case 0:
				if (!absent) {
					this.problems.add(on + " takes no value, but has " + shown(value) + " (" + location + ")");
					return null;
				}
				return List.of();
			case 1:
				JsonNode single = value;
				if (single != null && single.isArray() && single.size() == 1) {
					single = single.get(0);
				}
				if (single == null || single.isNull() || single.isMissingNode()) {
					this.problems.add(on + " needs a value (" + location + ")");
					return null;
				}
				if (!isScalar(single)) {
					this.problems.add(on + " needs one value, not " + kind(single) + " (" + location + ")");
					return null;
				}
				return List.of(scalarText(single));
			default:
				if (value == null || !value.isArray() || value.size() != 2 || !isScalar(value.get(0))
						|| !isScalar(value.get(1))) {
					this.problems.add(on + " needs two values, as a list [low, high], not "
							+ ((value == null || value.isNull()) ? "nothing" : shown(value)) + " (" + location + ")");
					return null;
				}
				return List.of(scalarText(value.get(0)), scalarText(value.get(1)));
		}
	}

	private String text(JsonNode node, String key, String location) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			this.problems.add("\"" + key + "\" must be text, not " + kind(value) + " (" + location + ")");
			return null;
		}
		return value.stringValue();
	}

	private static boolean isScalar(JsonNode node) {
		return node.isString() || node.isNumber() || node.isBoolean();
	}

	private static String scalarText(JsonNode node) {
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isNumber()) {
			return node.isIntegralNumber() ? node.bigIntegerValue().toString()
					: node.decimalValue().stripTrailingZeros().toPlainString();
		}
		return String.valueOf(node.booleanValue());
	}

	private static String kind(JsonNode node) {
		if (node.isArray()) {
			return "a list";
		}
		if (node.isObject()) {
			return "an object";
		}
		if (node.isNumber()) {
			return "a number";
		}
		if (node.isBoolean()) {
			return "true/false";
		}
		if (node.isNull()) {
			return "null";
		}
		return "text";
	}

	/** A JSON value for a message, shortened. */
	static String shown(JsonNode node) {
		if (node.isString()) {
			return quoted(node.stringValue());
		}
		return shorten(node.toString());
	}

	/** A user's text in double quotes, shortened, for a message. */
	static String quoted(String text) {
		return "\"" + shorten(text) + "\"";
	}

	private static String shorten(String text) {
		return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
	}

}
