package org.ontask.dataops.upload;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ontask.dataops.store.DataRejectedException;

/**
 * Streams a CSV file with commons-csv: strict UTF-8 (a BOM is skipped), double-quoted
 * values, the delimiter chosen or detected, lines skipped at top and bottom. Only the
 * current record is in memory.
 */
final class CsvRecordReader implements RecordReader {

	private static final char[] DELIMITERS = { ',', ';', '\t', '|' };

	private static final Pattern START_LINE = Pattern.compile("startline (\\d+)|line (\\d+)");

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	private final long skipTop;

	private long line;

	CsvRecordReader(Path file, UploadOptions options) throws IOException {
		this.skipTop = Math.max(0, options.skipTop());
		long lastLine = Long.MAX_VALUE;
		if (options.skipBottom() > 0) {
			lastLine = countLines(file) - options.skipBottom();
		}
		char delimiter = (options.delimiter() != null) ? options.delimiter() : detect(file, this.skipTop, lastLine);
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setQuote('"')
			.setIgnoreEmptyLines(true)
			.setIgnoreSurroundingSpaces(false)
			.get();
		this.parser = CSVParser.builder().setReader(open(file, this.skipTop, lastLine)).setFormat(format).get();
		this.records = this.parser.iterator();
		String[] first = next();
		if (first == null) {
			close();
			throw new DataRejectedException("The file is empty: it has no header line.");
		}
		try {
			this.header = Headers.check(List.of(first));
		}
		catch (DataRejectedException ex) {
			close();
			throw ex;
		}
	}

	@Override
	public List<String> header() {
		return this.header;
	}

	@Override
	public String[] next() throws IOException {
		CSVRecord record;
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			record = this.records.next();
		}
		catch (UncheckedIOException ex) {
			throw readError(ex.getCause());
		}
		catch (IllegalStateException ex) {
			throw readError(ex.getCause() instanceof IOException io ? io : new IOException(ex.getMessage()));
		}
		this.line = this.skipTop + this.parser.getCurrentLineNumber();
		String[] values = record.values();
		if (this.header != null && values.length != this.header.size()) {
			throw new DataRejectedException("Line " + this.line + " has " + values.length + " value"
					+ ((values.length == 1) ? "" : "s") + " but the header has " + this.header.size()
					+ " columns; every line needs one value per column.");
		}
		return values;
	}

	@Override
	public long line() {
		return this.line;
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
	}

	private DataRejectedException readError(IOException ex) {
		long near = this.skipTop + this.parser.getCurrentLineNumber() + 1;
		if (ex instanceof CharacterCodingException || ex.getCause() instanceof CharacterCodingException) {
			return new DataRejectedException("The file is not UTF-8 text (an invalid byte near line " + near
					+ "). Save it as \"CSV UTF-8\" and upload it again.");
		}
		String message = String.valueOf(ex.getMessage());
		if (message.contains("EOF reached before encapsulated token finished")) {
			Matcher start = START_LINE.matcher(message);
			String where = start.find() ? "line "
					+ (this.skipTop + Long.parseLong((start.group(1) != null) ? start.group(1) : start.group(2)))
					: "line " + near;
			return new DataRejectedException(
					"A quoted value that starts on " + where + " is never closed (a \" is missing).");
		}
		if (message.contains("invalid char between encapsulated token and delimiter")) {
			return new DataRejectedException("Line " + near + " has a quote in the middle of a value; "
					+ "a value with quotes must be quoted as a whole, with \"\" for each quote inside.");
		}
		return new DataRejectedException("The file could not be read near line " + near + ": " + message);
	}

	private static Reader open(Path file, long skip, long lastLine) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		in.mark(3);
		byte[] bom = in.readNBytes(3);
		if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
			in.reset();
		}
		Reader decoded = new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT));
		// the window costs a pass over every character: only when lines are skipped
		return (skip == 0 && lastLine == Long.MAX_VALUE) ? decoded : new LineWindowReader(decoded, skip, lastLine);
	}

	private static long countLines(Path file) throws IOException {
		long lines = 0;
		int last = -1;
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			int read;
			while ((read = in.read(buffer)) > 0) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
				last = buffer[read - 1];
			}
		}
		return (last != -1 && last != '\n') ? lines + 1 : lines;
	}

	/**
	 * The delimiter that splits the first lines into the same number of values, the most
	 * values winning; a comma when none does.
	 */
	static char detect(Path file, long skip, long lastLine) throws IOException {
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(open(file, skip, lastLine))) {
			String line;
			while (lines.size() < 20 && (line = reader.readLine()) != null) {
				if (!line.isBlank()) {
					lines.add(line);
				}
			}
		}
		catch (IOException ex) {
			// decoding problems are reported by the real parse, with a line number
		}
		if (lines.isEmpty()) {
			return ',';
		}
		char best = ',';
		int bestCount = 0;
		boolean bestConsistent = false;
		for (char candidate : DELIMITERS) {
			int header = count(lines.get(0), candidate);
			if (header == 0) {
				continue;
			}
			boolean consistent = lines.stream().allMatch((l) -> count(l, candidate) == header);
			if ((consistent && !bestConsistent) || (consistent == bestConsistent && header > bestCount)) {
				best = candidate;
				bestCount = header;
				bestConsistent = consistent;
			}
		}
		return best;
	}

	private static int count(String line, char delimiter) {
		int count = 0;
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == delimiter && !quoted) {
				count++;
			}
		}
		return count;
	}

}
