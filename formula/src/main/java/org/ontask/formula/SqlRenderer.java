package org.ontask.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a bound tree as SQL. Only three kinds of text reach the SQL: the resolver's
 * checked identifiers, the fixed fragments below, and {@code ?} placeholders; constants
 * go to the parameters.
 * <p>
 * Every rule renders to an expression that is TRUE or FALSE, never NULL: a comparison is
 * ANDed with {@code IS NOT NULL}, so a NULL cell makes it FALSE rather than unknown. AND,
 * OR and NOT of such expressions stay two-valued, which is what lets {@code NOT (…)} mean
 * the complement of the group and keeps the SQL equal to the in-memory evaluator.
 */
final class SqlRenderer {

	/** The LIKE escape character; '!' avoids the backslash's dependence on settings. */
	private static final char ESCAPE = '!';

	private SqlRenderer() {
	}

	static SqlFragment render(Node.Group root) {
		List<Object> parameters = new ArrayList<>();
		StringBuilder sql = new StringBuilder();
		group(root, sql, parameters);
		return new SqlFragment(sql.toString(), parameters);
	}

	private static void group(Node.Group group, StringBuilder sql, List<Object> parameters) {
		if (group.children().isEmpty()) {
			sql.append(group.not() ? "FALSE" : "TRUE");
			return;
		}
		if (group.not()) {
			sql.append("NOT ");
		}
		sql.append('(');
		boolean first = true;
		for (Node child : group.children()) {
			if (!first) {
				sql.append(group.or() ? " OR " : " AND ");
			}
			first = false;
			if (child instanceof Node.Group) {
				group((Node.Group) child, sql, parameters);
			}
			else {
				rule((Node.Bound) child, sql, parameters);
			}
		}
		sql.append(')');
	}

	private static void rule(Node.Bound rule, StringBuilder sql, List<Object> parameters) {
		String column = rule.column().sqlIdentifier();
		if (column == null) {
			throw new IllegalStateException("Column " + FormulaReader.quoted(rule.name())
					+ " was resolved without an SQL identifier, so the formula cannot be rendered as SQL");
		}
		String present = column + " IS NOT NULL";
		switch (rule.operator()) {
			case EQUAL:
				compare(sql, parameters, column, "=", rule.values().get(0), present);
				break;
			case NOT_EQUAL:
				compare(sql, parameters, column, "<>", rule.values().get(0), present);
				break;
			case LESS:
				compare(sql, parameters, column, "<", rule.values().get(0), present);
				break;
			case LESS_OR_EQUAL:
				compare(sql, parameters, column, "<=", rule.values().get(0), present);
				break;
			case GREATER:
				compare(sql, parameters, column, ">", rule.values().get(0), present);
				break;
			case GREATER_OR_EQUAL:
				compare(sql, parameters, column, ">=", rule.values().get(0), present);
				break;
			case BEGINS_WITH:
				like(sql, parameters, column, "LIKE", escape(rule.values().get(0)) + "%", present);
				break;
			case NOT_BEGINS_WITH:
				like(sql, parameters, column, "NOT LIKE", escape(rule.values().get(0)) + "%", present);
				break;
			case CONTAINS:
				like(sql, parameters, column, "LIKE", "%" + escape(rule.values().get(0)) + "%", present);
				break;
			case NOT_CONTAINS:
				like(sql, parameters, column, "NOT LIKE", "%" + escape(rule.values().get(0)) + "%", present);
				break;
			case ENDS_WITH:
				like(sql, parameters, column, "LIKE", "%" + escape(rule.values().get(0)), present);
				break;
			case NOT_ENDS_WITH:
				like(sql, parameters, column, "NOT LIKE", "%" + escape(rule.values().get(0)), present);
				break;
			case IS_EMPTY:
				sql.append("(").append(column).append(" IS NULL OR ").append(column).append(" = '')");
				break;
			case IS_NOT_EMPTY:
				sql.append("(").append(present).append(" AND ").append(column).append(" <> '')");
				break;
			case IS_NULL:
				sql.append("(").append(column).append(" IS NULL)");
				break;
			case IS_NOT_NULL:
				sql.append("(").append(present).append(")");
				break;
			case BETWEEN:
				between(sql, parameters, column, "BETWEEN", rule.values(), present);
				break;
			case NOT_BETWEEN:
				between(sql, parameters, column, "NOT BETWEEN", rule.values(), present);
				break;
			default:
				throw new IllegalStateException("No SQL for " + rule.operator());
		}
	}

	private static void compare(StringBuilder sql, List<Object> parameters, String column, String operator,
			Object value, String present) {
		sql.append("(").append(column).append(' ').append(operator).append(" ? AND ").append(present).append(")");
		parameters.add(value);
	}

	private static void like(StringBuilder sql, List<Object> parameters, String column, String operator, String pattern,
			String present) {
		sql.append("(")
			.append(column)
			.append(' ')
			.append(operator)
			.append(" ? ESCAPE '")
			.append(ESCAPE)
			.append("' AND ")
			.append(present)
			.append(")");
		parameters.add(pattern);
	}

	private static void between(StringBuilder sql, List<Object> parameters, String column, String operator,
			List<Object> values, String present) {
		sql.append("((")
			.append(column)
			.append(' ')
			.append(operator)
			.append(" ? AND ?) AND ")
			.append(present)
			.append(")");
		parameters.add(values.get(0));
		parameters.add(values.get(1));
	}

	/** The constant as a LIKE pattern that matches it literally: %, _ and ! escaped. */
	static String escape(Object value) {
		String text = (String) value;
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' || c == '_' || c == ESCAPE) {
				escaped.append(ESCAPE);
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
