package org.ontask.formula;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A condition or filter, parsed from the original's formula JSON and checked against the
 * columns of a table: every column exists, every operator applies to its column's type,
 * every constant fits it. It renders as parameterised SQL and as readable text, and
 * evaluates a row in memory with the same semantics as the SQL (see the package
 * documentation for the null semantics).
 * <p>
 * Instances are immutable and thread-safe. Operations that need no column types (list or
 * rename columns in stored JSON) are in {@link Formulas}.
 */
public final class Formula {

	private final Node.Group root;

	private final ZoneId zone;

	private Formula(Node.Group root, ZoneId zone) {
		this.root = root;
		this.zone = zone;
	}

	/**
	 * Parses and checks a formula; date-times without a zone are read as UTC.
	 * @param json the formula JSON; null, blank, {@code null} or {@code {}} is the empty
	 * formula (every row)
	 * @param columns what the formula's column names stand for
	 * @return the formula
	 * @throws FormulaException listing every problem found
	 */
	public static Formula parse(String json, ColumnResolver columns) {
		return parse(json, columns, ZoneOffset.UTC);
	}

	/**
	 * Parses and checks a formula.
	 * @param json the formula JSON; null, blank, {@code null} or {@code {}} is the empty
	 * formula (every row)
	 * @param columns what the formula's column names stand for
	 * @param zone the zone of date-times written without one (constants, and
	 * {@link java.time.LocalDateTime} cells given to {@link #evaluate})
	 * @return the formula
	 * @throws FormulaException listing every problem found
	 */
	public static Formula parse(String json, ColumnResolver columns, ZoneId zone) {
		Node.Group tree = FormulaReader.read(json);
		List<String> problems = new ArrayList<>();
		Node.Group bound = (Node.Group) bind(tree, columns, zone, problems);
		if (!problems.isEmpty()) {
			throw new FormulaException(problems);
		}
		return new Formula(bound, zone);
	}

	static List<String> problems(Node.Group tree, ColumnResolver columns) {
		List<String> problems = new ArrayList<>();
		bind(tree, columns, ZoneOffset.UTC, problems);
		return problems;
	}

	private static Node bind(Node node, ColumnResolver columns, ZoneId zone, List<String> problems) {
		if (node instanceof Node.Group) {
			Node.Group group = (Node.Group) node;
			List<Node> children = new ArrayList<>();
			for (Node child : group.children()) {
				Node bound = bind(child, columns, zone, problems);
				if (bound != null) {
					children.add(bound);
				}
			}
			return new Node.Group(group.location(), group.or(), group.not(), children);
		}
		Node.Rule rule = (Node.Rule) node;
		String where = " (" + rule.location() + ")";
		Optional<ResolvedColumn> resolved = columns.resolve(rule.column());
		if (resolved.isEmpty()) {
			problems.add("Column " + FormulaReader.quoted(rule.column()) + " does not exist" + where);
			return null;
		}
		ResolvedColumn column = resolved.get();
		String columnIs = "Column " + FormulaReader.quoted(rule.column()) + " is " + column.type().description();
		if (!rule.operator().appliesTo(column.type())) {
			problems.add(columnIs + "; operator " + FormulaReader.quoted(rule.operator().jsonName()) + " needs "
					+ rule.operator().needs() + where);
			return null;
		}
		List<Object> values = new ArrayList<>();
		for (String text : rule.values()) {
			try {
				values.add(Values.constant(column.type(), text, zone));
			}
			catch (IllegalArgumentException ex) {
				problems.add(columnIs + "; " + ex.getMessage() + where);
				return null;
			}
		}
		return new Node.Bound(rule, column, values);
	}

	/**
	 * Whether the formula restricts nothing (no rules at all, not negated).
	 * @return true for the empty formula
	 */
	public boolean isEmpty() {
		return this.root.children().isEmpty() && !this.root.not();
	}

	/**
	 * The user names of the columns the formula uses, in order of first use.
	 * @return an unmodifiable set
	 */
	public Set<String> columns() {
		Set<String> names = new LinkedHashSet<>();
		collectColumns(this.root, names);
		return Collections.unmodifiableSet(names);
	}

	static void collectColumns(Node node, Set<String> names) {
		if (node instanceof Node.Group) {
			for (Node child : ((Node.Group) node).children()) {
				collectColumns(child, names);
			}
		}
		else if (node instanceof Node.Rule) {
			names.add(((Node.Rule) node).column());
		}
		else {
			names.add(((Node.Bound) node).name());
		}
	}

	/**
	 * The formula as a boolean SQL expression over the resolver's identifiers, with the
	 * constants as parameters. The expression is never NULL.
	 * @return the fragment; {@link SqlFragment#TRUE} for the empty formula
	 * @throws IllegalStateException if a column was resolved without an SQL identifier
	 */
	public SqlFragment toSql() {
		return SqlRenderer.render(this.root);
	}

	/**
	 * Evaluates the formula on one row, with exactly the semantics of {@link #toSql()}.
	 * @param row the row's cells by user column name; every column the formula uses must
	 * be a key (with a null value when missing). Values: any {@link Number} for numbers,
	 * {@link CharSequence} for text, {@link Boolean} for true/false,
	 * {@link java.time.OffsetDateTime}, {@link java.time.Instant},
	 * {@link java.time.ZonedDateTime}, {@link java.time.LocalDateTime} or
	 * {@link java.util.Date} for date-times; text in the formats of the formula JSON is
	 * also accepted for numbers, true/false and date-times. A double NaN counts as
	 * missing.
	 * @return whether the row is selected
	 * @throws IllegalArgumentException if a column is not a key of the row or its value
	 * does not fit the column's type
	 */
	public boolean evaluate(Map<String, ?> row) {
		return Evaluator.evaluate(this.root, row, this.zone);
	}

	/**
	 * The formula as readable text, e.g. {@code midterm ≥ 50 AND NOT (program = "FASS")}.
	 * @return the text; empty for the empty formula
	 */
	public String toText() {
		return TextRenderer.render(this.root);
	}

	/**
	 * The formula as normalised JSON in the original's format (column names in {@code id}
	 * and {@code field}, the column's current type, constants as text).
	 * @return compact JSON; {@code {}} for the empty formula
	 */
	public String toJson() {
		if (isEmpty()) {
			return "{}";
		}
		return FormulaReader.MAPPER.writeValueAsString(json(this.root));
	}

	private static ObjectNode json(Node node) {
		ObjectNode object = FormulaReader.MAPPER.createObjectNode();
		if (node instanceof Node.Group) {
			Node.Group group = (Node.Group) node;
			object.put("condition", group.or() ? "OR" : "AND");
			object.put("not", group.not());
			ArrayNode rules = object.putArray("rules");
			for (Node child : group.children()) {
				rules.add(json(child));
			}
			object.put("valid", true);
			return object;
		}
		Node.Bound bound = (Node.Bound) node;
		object.put("id", bound.name());
		object.put("field", bound.name());
		object.put("type", bound.type().jsonName());
		if (bound.rule().input() != null) {
			object.put("input", bound.rule().input());
		}
		object.put("operator", bound.operator().jsonName());
		if (bound.values().isEmpty()) {
			object.putNull("value");
		}
		else if (bound.operator().valueCount() == 1) {
			object.put("value", Values.json(bound.values().get(0)));
		}
		else {
			ArrayNode values = object.putArray("value");
			for (Object value : bound.values()) {
				values.add(Values.json(value));
			}
		}
		return object;
	}

	/**
	 * The readable text.
	 * @return {@link #toText()}
	 */
	@Override
	public String toString() {
		return toText();
	}

}
