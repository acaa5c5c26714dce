package org.ontask.dataops.store;

/**
 * The rule for column names: not blank, at most 255 characters, no quote characters
 * ({@code '} or {@code "}); anything else, spaces and SQL included, is fine because names
 * never reach SQL text. Uniqueness (ignoring case) is checked per workflow by the store.
 */
public final class ColumnNames {

	/** The longest name. */
	public static final int MAX_LENGTH = 255;

	private ColumnNames() {
	}

	/**
	 * Checks a name.
	 * @param name the proposed name
	 * @return the name, stripped of surrounding white space
	 * @throws DataRejectedException saying what is wrong
	 */
	public static String check(String name) {
		String stripped = (name == null) ? "" : name.strip();
		if (stripped.isEmpty()) {
			throw new DataRejectedException("A column name cannot be empty.");
		}
		if (stripped.length() > MAX_LENGTH) {
			throw new DataRejectedException("The column name '" + stripped.substring(0, 40) + "...' is longer than "
					+ MAX_LENGTH + " characters.");
		}
		if (stripped.indexOf('"') >= 0 || stripped.indexOf('\'') >= 0) {
			throw new DataRejectedException("The column name '" + stripped + "' contains a quote; names cannot.");
		}
		return stripped;
	}

}
