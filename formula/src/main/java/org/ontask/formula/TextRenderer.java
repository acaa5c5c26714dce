package org.ontask.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a tree as readable text: {@code midterm ≥ 50 AND NOT (program = "FASS")}.
 * Column names appear as they are; text constants in double quotes.
 */
final class TextRenderer {

	private TextRenderer() {
	}

	static String render(Node.Group root) {
		if (root.children().isEmpty() && !root.not()) {
			return "";
		}
		String body = body(root);
		return root.not() ? "NOT (" + body + ")" : body;
	}

	private static String body(Node.Group group) {
		if (group.children().isEmpty()) {
			return "all rows";
		}
		List<String> parts = new ArrayList<>();
		for (Node child : group.children()) {
			if (child instanceof Node.Group) {
				Node.Group inner = (Node.Group) child;
				String text = body(inner);
				if (inner.not()) {
					text = "NOT (" + text + ")";
				}
				else if (inner.children().size() > 1) {
					text = "(" + text + ")";
				}
				parts.add(text);
			}
			else {
				parts.add(rule(child));
			}
		}
		return String.join(group.or() ? " OR " : " AND ", parts);
	}

	private static String rule(Node node) {
		String column;
		Operator operator;
		List<String> values = new ArrayList<>();
		if (node instanceof Node.Bound) {
			Node.Bound bound = (Node.Bound) node;
			column = bound.name();
			operator = bound.operator();
			for (Object value : bound.values()) {
				values.add(Values.display(value));
			}
		}
		else {
			Node.Rule rule = (Node.Rule) node;
			column = rule.column();
			operator = rule.operator();
			boolean text = rule.declaredType() == null || "string".equalsIgnoreCase(rule.declaredType().trim());
			for (String value : rule.values()) {
				values.add(text ? Values.display(value) : value);
			}
		}
		switch (operator) {
			case EQUAL:
				return column + " = " + values.get(0);
			case NOT_EQUAL:
				return column + " ≠ " + values.get(0);
			case BEGINS_WITH:
				return column + " starts with " + values.get(0);
			case NOT_BEGINS_WITH:
				return column + " does not start with " + values.get(0);
			case CONTAINS:
				return column + " contains " + values.get(0);
			case NOT_CONTAINS:
				return column + " does not contain " + values.get(0);
			case ENDS_WITH:
				return column + " ends with " + values.get(0);
			case NOT_ENDS_WITH:
				return column + " does not end with " + values.get(0);
			case IS_EMPTY:
				return column + " is empty";
			case IS_NOT_EMPTY:
				return column + " is not empty";
			case IS_NULL:
				return column + " is null";
			case IS_NOT_NULL:
				return column + " is not null";
			case LESS:
				return column + " < " + values.get(0);
			case LESS_OR_EQUAL:
				return column + " ≤ " + values.get(0);
			case GREATER:
				return column + " > " + values.get(0);
			case GREATER_OR_EQUAL:
				return column + " ≥ " + values.get(0);
			case BETWEEN:
				return values.get(0) + " ≤ " + column + " ≤ " + values.get(1);
			case NOT_BETWEEN:
				return column + " not between " + values.get(0) + " and " + values.get(1);
			default:
				throw new IllegalStateException("No text for " + operator);
		}
	}

}
