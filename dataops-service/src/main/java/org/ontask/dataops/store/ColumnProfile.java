package org.ontask.dataops.store;

import java.util.Arrays;

/**
 * What one pass over a column's text values tells: the narrowest type every value fits,
 * whether all numbers are whole, and whether the column can be a key (no empty value, no
 * value twice). Holds one {@code long} per value while the column may still be a key (a
 * 64-bit hash, sorted at the end), nothing otherwise, so a million-row file is profiled
 * in a few megabytes per candidate column.
 *
 * <p>
 * Inference: integer if every non-empty value is an integer literal, else double if every
 * one is a decimal number, else boolean if every one is {@code true}/{@code false}, else
 * datetime if every one is an ISO date or date-time, else string. A column with no value
 * is a string. Unlike pandas, an integer column with empty cells stays integer.
 */
public final class ColumnProfile {

	private boolean integer = true;

	private boolean decimal = true;

	private boolean wholeNumbers = true;

	private boolean bool = true;

	private boolean dateTime = true;

	private long values;

	private long empties;

	private long[] hashes = new long[1024];

	private boolean keyCandidate = true;

	/**
	 * Stops checking whether the column can be a key (when the keys are chosen already):
	 * no hashes are kept and {@link #keyCandidate()} answers {@code false}.
	 */
	public void ignoreKey() {
		this.keyCandidate = false;
		this.hashes = null;
	}

	/**
	 * Takes one value into account.
	 * @param text the value as read, possibly {@code null}
	 */
	public void observe(String text) {
		String value = (text == null) ? "" : text.strip();
		if (value.isEmpty()) {
			this.empties++;
			this.keyCandidate = false;
			this.hashes = null;
			return;
		}
		if (this.keyCandidate) {
			if (this.values == this.hashes.length) {
				this.hashes = Arrays.copyOf(this.hashes, this.hashes.length * 2);
			}
			this.hashes[(int) this.values] = hash(value);
		}
		this.values++;
		if (this.integer && !ColumnType.isInteger(value)) {
			this.integer = false;
		}
		if (!this.integer && this.decimal) {
			if (!ColumnType.isDecimal(value)) {
				this.decimal = false;
			}
			else if (this.wholeNumbers && !isWhole(value)) {
				this.wholeNumbers = false;
			}
		}
		if (this.bool && !ColumnType.isBooleanWord(value)) {
			this.bool = false;
		}
		if (this.bool && this.values > 2 && this.keyCandidate) {
			// three true/false values cannot all differ: stop keeping hashes
			this.keyCandidate = false;
			this.hashes = null;
		}
		if (this.dateTime && !this.bool && !this.decimal && !ColumnType.isDateTime(value)) {
			this.dateTime = false;
		}
	}

	/**
	 * The narrowest type of every value seen.
	 * @return the inferred type
	 */
	public ColumnType type() {
		if (this.values == 0) {
			return ColumnType.STRING;
		}
		if (this.integer) {
			return ColumnType.INTEGER;
		}
		if (this.decimal) {
			return ColumnType.DOUBLE;
		}
		if (this.bool) {
			return ColumnType.BOOLEAN;
		}
		if (this.dateTime) {
			return ColumnType.DATETIME;
		}
		return ColumnType.STRING;
	}

	/**
	 * Whether every number seen is whole ({@code 3} or {@code 3.0}), so the column
	 * converts to integer.
	 * @return whether the values are whole numbers
	 */
	public boolean wholeNumbers() {
		return this.values > 0 && (this.integer || (this.decimal && this.wholeNumbers));
	}

	/**
	 * Whether the column can be a key: at least one value, none empty, none twice. Call
	 * once all values have been observed.
	 * @return whether the column is a key candidate
	 */
	public boolean keyCandidate() {
		if (!this.keyCandidate || this.values == 0) {
			return false;
		}
		long[] seen = Arrays.copyOf(this.hashes, (int) this.values);
		Arrays.sort(seen);
		for (int i = 1; i < seen.length; i++) {
			if (seen[i] == seen[i - 1]) {
				this.keyCandidate = false;
				this.hashes = null;
				return false;
			}
		}
		return true;
	}

	/**
	 * The number of non-empty values.
	 * @return the count
	 */
	public long values() {
		return this.values;
	}

	/**
	 * The number of empty values.
	 * @return the count
	 */
	public long empties() {
		return this.empties;
	}

	private static boolean isWhole(String value) {
		int point = value.indexOf('.');
		if (point < 0) {
			return value.indexOf('e') < 0 && value.indexOf('E') < 0;
		}
		for (int i = point + 1; i < value.length(); i++) {
			if (value.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

	private static long hash(String value) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < value.length(); i++) {
			h ^= value.charAt(i);
			h *= 0x100000001b3L;
		}
		// finaliser of MurmurHash3, so close strings spread over all bits
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
	}

}
