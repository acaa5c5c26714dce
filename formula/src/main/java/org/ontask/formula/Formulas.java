package org.ontask.formula;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations on stored formula JSON that need no column types: which columns it uses,
 * whether it refers to a column that no longer exists, renaming a column, readable text,
 * and the list of problems against the current columns. Each first checks that the JSON
 * is a well-formed formula and throws {@link FormulaException} if not.
 */
public final class Formulas {

	private Formulas() {
	}

	/**
	 * Whether the JSON is the empty formula (every row).
	 * @param json the formula JSON, may be null
	 * @return true for null, blank, {@code null}, {@code {}} or a group without rules
	 */
	public static boolean isEmpty(String json) {
		Node.Group root = FormulaReader.read(json);
		return root.children().isEmpty() && !root.not();
	}

	/**
	 * The user names of the columns the formula uses, in order of first use.
	 * @param json the formula JSON
	 * @return an unmodifiable set
	 */
	public static Set<String> columns(String json) {
		Set<String> names = new LinkedHashSet<>();
		Formula.collectColumns(FormulaReader.read(json), names);
		return Collections.unmodifiableSet(names);
	}

	/**
	 * Whether the formula uses the column.
	 * @param json the formula JSON
	 * @param column a user column name
	 * @return true if some rule names it
	 */
	public static boolean refersTo(String json, String column) {
		return columns(json).contains(column);
	}

	/**
	 * The columns the formula uses that the resolver does not know, e.g. after a column
	 * was deleted.
	 * @param json the formula JSON
	 * @param columns the table's current columns
	 * @return an unmodifiable set, empty if every column exists
	 */
	public static Set<String> missingColumns(String json, ColumnResolver columns) {
		Set<String> missing = new LinkedHashSet<>();
		for (String name : columns(json)) {
			if (columns.resolve(name).isEmpty()) {
				missing.add(name);
			}
		}
		return Collections.unmodifiableSet(missing);
	}

	/**
	 * Every problem of the formula against the current columns (missing columns,
	 * operators the type does not allow, constants that do not fit), for example after a
	 * column's type changed.
	 * @param json the formula JSON
	 * @param columns the table's current columns
	 * @return one sentence per problem; empty if the formula can be used
	 */
	public static List<String> problems(String json, ColumnResolver columns) {
		Node.Group root;
		try {
			root = FormulaReader.read(json);
		}
		catch (FormulaException ex) {
			return ex.problems();
		}
		return List.copyOf(Formula.problems(root, columns));
	}

	/**
	 * The formula with a column renamed: every rule whose {@code id} or {@code field} is
	 * {@code from} gets {@code to} in both; everything else of the JSON is kept.
	 * @param json the formula JSON
	 * @param from the old user name
	 * @param to the new user name
	 * @return the rewritten JSON (compact); the input itself when it is the empty formula
	 * written as null or blank
	 */
	public static String renameColumn(String json, String from, String to) {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (to.isEmpty()) {
			throw new IllegalArgumentException("A column cannot be renamed to an empty name");
		}
		JsonNode root = FormulaReader.readJson(json);
		FormulaReader.read(root);
		if (root == null || root.isNull()) {
			return json;
		}
		rename(root, from, to);
		return FormulaReader.MAPPER.writeValueAsString(root);
	}

	private static void rename(JsonNode node, String from, String to) {
		if (FormulaReader.isGroup(node)) {
			JsonNode rules = node.get("rules");
			if (rules != null && rules.isArray()) {
				for (JsonNode child : rules) {
					rename(child, from, to);
				}
			}
			return;
		}
		ObjectNode rule = (ObjectNode) node;
		for (String key : List.of("id", "field")) {
			JsonNode value = rule.get(key);
			if (value != null && value.isString() && value.stringValue().equals(from)) {
				rule.put(key, to);
			}
		}
	}

	/**
	 * The formula as readable text without knowing the column types: constants of rules
	 * declared {@code string} (or without a type) are quoted, others shown as written.
	 * Prefer {@link Formula#toText()} when the columns are known.
	 * @param json the formula JSON
	 * @return the text; empty for the empty formula
	 */
	public static String toText(String json) {
		return TextRenderer.render(FormulaReader.read(json));
	}

}
