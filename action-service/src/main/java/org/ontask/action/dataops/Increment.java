package org.ontask.action.dataops;

/**
 * Adds 1 to an integer column (null counts as 0) in the rows whose key column holds a
 * value.
 *
 * @param keyColumn the column identifying the learner
 * @param keyValue the learner's value in it
 * @param column the integer column to increment
 */
public record Increment(String keyColumn, String keyValue, String column) {

	/**
	 * dataops' answer.
	 *
	 * @param updated how many rows were incremented
	 */
	public record Result(long updated) {

	}

}
