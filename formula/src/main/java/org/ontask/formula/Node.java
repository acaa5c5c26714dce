package org.ontask.formula;

import java.util.List;

/**
 * The tree of a formula: groups of rules. A tree read from JSON has {@link Rule} leaves;
 * once its columns are resolved it has {@link Bound} leaves with typed constants.
 */
sealed interface Node permits Node.Group, Node.Rule, Node.Bound {

	/**
	 * AND or OR of the children, negated if {@code not}. No children means every row.
	 */
	record Group(String location, boolean or, boolean not, List<Node> children) implements Node {

		public Group {
			children = List.copyOf(children);
		}

	}

	/**
	 * A rule as written: the column's user name, the operator, the constants as text (as
	 * many as the operator takes), and the declared type and input kept for the round
	 * trip.
	 */
	record Rule(String location, String column, Operator operator, List<String> values, String declaredType,
			String input) implements Node {

		public Rule {
			values = List.copyOf(values);
		}

	}

	/**
	 * A rule whose column exists and whose constants fit the column's type.
	 */
	record Bound(Rule rule, ResolvedColumn column, List<Object> values) implements Node {

		public Bound {
			values = List.copyOf(values);
		}

		ColumnType type() {
			return this.column.type();
		}

		Operator operator() {
			return this.rule.operator();
		}

		String name() {
			return this.rule.column();
		}

	}

}
