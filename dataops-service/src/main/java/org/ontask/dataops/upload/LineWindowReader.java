package org.ontask.dataops.upload;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes through only lines {@code skip + 1} to {@code lastLine} of a text, so the CSV
 * parser never sees a prelude or postlude (the "lines to skip at top and bottom" of the
 * original).
 */
final class LineWindowReader extends Reader {

	private final Reader in;

	private final long skip;

	private final long lastLine;

	private final char[] buffer = new char[1 << 14];

	private int position;

	private int length;

	private long line = 1;

	private boolean done;

	LineWindowReader(Reader in, long skip, long lastLine) {
		this.in = in;
		this.skip = skip;
		this.lastLine = lastLine;
	}

	@Override
	public int read(char[] target, int offset, int count) throws IOException {
		int written = 0;
		while (written < count && !this.done) {
			if (this.position == this.length) {
				this.length = this.in.read(this.buffer);
				this.position = 0;
				if (this.length <= 0) {
					this.length = 0;
					this.done = true;
					break;
				}
			}
			if (this.line > this.lastLine) {
				this.done = true;
				break;
			}
			char c = this.buffer[this.position++];
			if (this.line > this.skip) {
				target[offset + written++] = c;
			}
			if (c == '\n') {
				this.line++;
			}
		}
		return (written == 0 && this.done) ? -1 : written;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
