package org.ontask.dataops.store;

import java.util.Locale;

/**
 * Which rows a merge keeps, as the original OnTask: the table is the left side, the new
 * data the right side.
 */
public enum MergeHow {

	/** Rows of both sides. */
	OUTER,
	/** Only rows whose key is on both sides. */
	INNER,
	/** The table's rows only (new data only updates and adds columns). */
	LEFT,
	/** The new data's rows only. */
	RIGHT;

	/**
	 * Reads {@code outer}, {@code inner}, {@code left} or {@code right}.
	 * @param text the text
	 * @return the method
	 * @throws DataRejectedException for anything else
	 */
	public static MergeHow of(String text) {
		try {
			return valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (RuntimeException ex) {
			throw new DataRejectedException("Unknown merge method '" + text + "': use outer, inner, left or right.");
		}
	}

	/**
	 * Whether rows of the new data without a match are added.
	 * @return true for outer and right
	 */
	public boolean addsUnmatched() {
		return this == OUTER || this == RIGHT;
	}

	/**
	 * Whether rows of the table without a match are removed.
	 * @return true for inner and right
	 */
	public boolean dropsUnmatched() {
		return this == INNER || this == RIGHT;
	}

}
