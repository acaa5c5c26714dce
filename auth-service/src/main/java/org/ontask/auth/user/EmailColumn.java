package org.ontask.auth.user;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one column of a CSV file (RFC 4180: a header line, fields separated by commas, or
 * by semicolons or tabs when the header uses those, double quotes around fields that hold
 * separators, quotes or line breaks). The file must be UTF-8 (a byte order mark is
 * allowed). Blank lines are skipped.
 */
final class EmailColumn {

	/** The most data lines one file may have. */
	static final int MAX_LINES = 20_000;

	private EmailColumn() {
	}

	/**
	 * The values of a column, each with the line where its record starts.
	 * @param content the file
	 * @param column the header of the column, in any case
	 * @return the values in file order
	 * @throws ImportRefusedException when the file is not UTF-8 text, has no such column,
	 * or is malformed
	 */
	static List<Value> read(byte[] content, String column) {
		String text = decode(content);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<Record> records = parse(text, separator(text));
		if (records.isEmpty()) {
			throw new ImportRefusedException("The file is empty: it needs a header line naming the columns.");
		}
		List<String> header = records.get(0).fields();
		String wanted = (column != null) ? column.strip() : "";
		if (wanted.isEmpty()) {
			throw new ImportRefusedException("Say which column holds the emails.");
		}
		int index = -1;
		for (int i = 0; i < header.size(); i++) {
			if (header.get(i).strip().equalsIgnoreCase(wanted)) {
				index = i;
				break;
			}
		}
		if (index < 0) {
			throw new ImportRefusedException("The file has no column \"" + wanted + "\". Its columns are: "
					+ String.join(", ", header.stream().map((h) -> "\"" + h.strip() + "\"").toList()) + ".");
		}
		if (records.size() - 1 > MAX_LINES) {
			throw new ImportRefusedException("The file has " + (records.size() - 1) + " lines; at most " + MAX_LINES
					+ " can be imported at once.");
		}
		List<Value> values = new ArrayList<>();
		for (Record record : records.subList(1, records.size())) {
			String value = (index < record.fields().size()) ? record.fields().get(index).strip() : "";
			values.add(new Value(record.line(), value));
		}
		return values;
	}

	private static String decode(byte[] content) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(content);
		CharBuffer out = CharBuffer.allocate(content.length + 1);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			int line = 1;
			for (int i = 0; i < in.position(); i++) {
				if (content[i] == '\n') {
					line++;
				}
			}
			throw new ImportRefusedException("The file is not UTF-8 text (the first bad character is on line " + line
					+ "). Save it as \"CSV UTF-8\" and try again.");
		}
		decoder.flush(out);
		out.flip();
		String text = out.toString();
		if (text.indexOf('\0') >= 0) {
			throw new ImportRefusedException("The file is not a text file. Upload a CSV file.");
		}
		return text;
	}

	private static char separator(String text) {
		int end = text.indexOf('\n');
		String header = (end >= 0) ? text.substring(0, end) : text;
		if (header.indexOf(',') < 0) {
			if (header.indexOf(';') >= 0) {
				return ';';
			}
			if (header.indexOf('\t') >= 0) {
				return '\t';
			}
		}
		return ',';
	}

	private static List<Record> parse(String text, char separator) {
		List<Record> records = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean blank = true;
		int line = 1;
		int recordLine = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
				blank = false;
			}
			else if (c == separator) {
				fields.add(field.toString());
				field.setLength(0);
				blank = false;
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				field.setLength(0);
				if (!blank || !fields.get(0).isBlank()) {
					records.add(new Record(recordLine, List.copyOf(fields)));
				}
				fields.clear();
				blank = true;
				line++;
				recordLine = line;
			}
			else {
				field.append(c);
				if (!Character.isWhitespace(c)) {
					blank = false;
				}
			}
		}
		if (quoted) {
			throw new ImportRefusedException(
					"The file is not valid CSV: a quote opened on line " + recordLine + " is never closed.");
		}
		fields.add(field.toString());
		if (!blank || !fields.get(0).isBlank()) {
			records.add(new Record(recordLine, List.copyOf(fields)));
		}
		return records;
	}

	static String normalise(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	private record Record(int line, List<String> fields) {
	}

	/**
	 * One value of the column.
	 *
	 * @param line the line of the file where its record starts (the header is line 1)
	 * @param text the value, stripped
	 */
	record Value(int line, String text) {
	}

}
