package org.ontask.dataops.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.postgresql.copy.CopyIn;

/**
 * Encodes typed rows in COPY's text format (tab separated, {@code \N} for null, backslash
 * escapes) and writes them to a COPY a buffer at a time. Checks that each value is of its
 * column's type.
 */
final class CopyEncoder implements RowSink {

	private final CopyIn copy;

	private final List<DataColumn> columns;

	private final StringBuilder text;

	private final int limit;

	private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();

	private ByteBuffer bytes;

	CopyEncoder(CopyIn copy, List<DataColumn> columns, int bufferSize) {
		this.copy = copy;
		this.columns = columns;
		this.limit = bufferSize;
		this.text = new StringBuilder(bufferSize + 1024);
		this.bytes = ByteBuffer.allocate(bufferSize * 2);
	}

	@Override
	public void row(Object[] values) {
		if (values.length != this.columns.size()) {
			throw new IllegalArgumentException(
					"A row has " + values.length + " values for " + this.columns.size() + " columns");
		}
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				this.text.append('\t');
			}
			Object value = values[i];
			DataColumn column = this.columns.get(i);
			if (!column.type().accepts(value)) {
				throw new DataRejectedException("The column '" + column.name() + "' holds " + column.type().label()
						+ " values, not '" + value + "'.");
			}
			if (value == null) {
				this.text.append("\\N");
			}
			else if (value instanceof String string) {
				escape(string);
			}
			else if (value instanceof Boolean bool) {
				this.text.append(bool ? 't' : 'f');
			}
			else if (value instanceof Instant instant) {
				this.text.append(instant.toString());
			}
			else {
				this.text.append(value);
			}
		}
		this.text.append('\n');
		if (this.text.length() >= this.limit) {
			flush();
		}
	}

	void flush() {
		if (this.text.isEmpty()) {
			return;
		}
		CharBuffer chars = CharBuffer.wrap(this.text);
		int needed = (int) (this.text.length() * 3L);
		if (this.bytes.capacity() < needed) {
			this.bytes = ByteBuffer.allocate(needed);
		}
		this.bytes.clear();
		this.encoder.reset();
		CoderResult result = this.encoder.encode(chars, this.bytes, true);
		if (result.isError()) {
			throw new DataRejectedException("A value is not valid text.");
		}
		this.encoder.flush(this.bytes);
		try {
			this.copy.writeToCopy(this.bytes.array(), 0, this.bytes.position());
		}
		catch (SQLException ex) {
			throw new DataRejectedException("The data could not be stored: " + ex.getMessage());
		}
		this.text.setLength(0);
	}

	private void escape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				case '\0' -> {
					// PostgreSQL text cannot hold NUL; dropping it is the only option
				}
				default -> this.text.append(c);
			}
		}
	}

}
