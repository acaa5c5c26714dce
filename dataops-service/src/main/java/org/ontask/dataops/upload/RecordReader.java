package org.ontask.dataops.upload;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads the records of an uploaded file one at a time, whatever its format: a checked
 * header, then rows of text values of the header's width. Errors are
 * {@link org.ontask.dataops.store.DataRejectedException}s that name the line.
 */
interface RecordReader extends Closeable {

	/**
	 * The column names: not empty, distinct ignoring case, no quotes.
	 * @return the header
	 */
	List<String> header();

	/**
	 * The next row.
	 * @return its values (one per header column; empty text for a missing value), or
	 * {@code null} at the end
	 * @throws IOException when the file cannot be read
	 */
	String[] next() throws IOException;

	/**
	 * Where the last row came from, for messages.
	 * @return the 1-based line (CSV, JSON) or row (Excel) number in the file
	 */
	long line();

	@Override
	void close() throws IOException;

}
