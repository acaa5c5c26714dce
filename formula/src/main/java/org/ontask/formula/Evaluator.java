package org.ontask.formula;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a bound tree on one row in memory, rule by rule as {@link SqlRenderer} writes
 * it: a missing cell makes every comparison false, {@code is_empty} holds for a missing
 * or empty text, groups combine two-valued results.
 */
final class Evaluator {

	private Evaluator() {
	}

	static boolean evaluate(Node.Group group, Map<String, ?> row, ZoneId zone) {
		boolean result;
		if (group.or()) {
			result = false;
			for (Node child : group.children()) {
				if (evaluate(child, row, zone)) {
					result = true;
					break;
				}
			}
		}
		else {
			result = true;
			for (Node child : group.children()) {
				if (!evaluate(child, row, zone)) {
					result = false;
					break;
				}
			}
		}
		if (group.children().isEmpty()) {
			result = true;
		}
		return group.not() != result;
	}

	private static boolean evaluate(Node node, Map<String, ?> row, ZoneId zone) {
		if (node instanceof Node.Group) {
			return evaluate((Node.Group) node, row, zone);
		}
		Node.Bound rule = (Node.Bound) node;
		if (!row.containsKey(rule.name())) {
			throw new IllegalArgumentException("The row has no value for column " + FormulaReader.quoted(rule.name()));
		}
		Object cell;
		try {
			cell = Values.cell(rule.type(), row.get(rule.name()), zone);
		}
		catch (IllegalArgumentException ex) {
			String column = "Column " + FormulaReader.quoted(rule.name()) + " ";
			String detail = ex.getMessage().startsWith("holds ") ? ex.getMessage()
					: "holds " + rule.type().description() + "; " + ex.getMessage();
			throw new IllegalArgumentException(column + detail, ex);
		}
		return test(rule.operator(), cell, rule.values());
	}

	static boolean test(Operator operator, Object cell, List<Object> constants) {
		switch (operator) {
			case IS_NULL:
				return cell == null;
			case IS_NOT_NULL:
				return cell != null;
			case IS_EMPTY:
				return cell == null || "".equals(cell);
			case IS_NOT_EMPTY:
				return cell != null && !"".equals(cell);
			default:
				break;
		}
		if (cell == null) {
			return false;
		}
		Object constant = Values.comparable(constants.get(0));
		switch (operator) {
			case EQUAL:
				return Values.equal(cell, constant);
			case NOT_EQUAL:
				return !Values.equal(cell, constant);
			case BEGINS_WITH:
				return ((String) cell).startsWith((String) constant);
			case NOT_BEGINS_WITH:
				return !((String) cell).startsWith((String) constant);
			case CONTAINS:
				return ((String) cell).contains((String) constant);
			case NOT_CONTAINS:
				return !((String) cell).contains((String) constant);
			case ENDS_WITH:
				return ((String) cell).endsWith((String) constant);
			case NOT_ENDS_WITH:
				return !((String) cell).endsWith((String) constant);
			case LESS:
				return Values.compare(cell, constant) < 0;
			case LESS_OR_EQUAL:
				return Values.compare(cell, constant) <= 0;
			case GREATER:
				return Values.compare(cell, constant) > 0;
			case GREATER_OR_EQUAL:
				return Values.compare(cell, constant) >= 0;
			case BETWEEN:
				return between(cell, constant, Values.comparable(constants.get(1)));
			case NOT_BETWEEN:
				return !between(cell, constant, Values.comparable(constants.get(1)));
			default:
				throw new IllegalStateException("No evaluation for " + operator);
		}
	}

	private static boolean between(Object cell, Object low, Object high) {
		return Values.compare(cell, low) >= 0 && Values.compare(cell, high) <= 0;
	}

}
