package org.ontask.formula;

import java.util.List;

/**
 * A formula that cannot be used: malformed JSON, an unknown operator, a column that does
 * not exist, an operator the column's type does not allow, or a value that does not fit.
 * Each problem is one sentence naming the column, operator or value and the rule it is
 * in, fit to show to the person who wrote the formula.
 */
public class FormulaException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final List<String> problems;

	/**
	 * A formula with the given problems.
	 * @param problems one sentence each, at least one
	 */
	public FormulaException(List<String> problems) {
		super(String.join("\n", problems));
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("A FormulaException needs at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	/**
	 * Every problem found, in the order of the rules.
	 * @return one sentence each
	 */
	public List<String> problems() {
		return this.problems;
	}

}
