package org.ontask.dataops.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ontask.dataops.store.DataRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a JSON array of flat objects (one per row). A first pass collects the keys in
 * order of appearance (the header); a second streams the rows. Numbers, booleans and
 * strings become text; {@code null} is empty; nested values are refused.
 */
final class JsonRecordReader implements RecordReader {

	private final Path file;

	private final List<String> header;

	private final Map<String, Integer> index = new LinkedHashMap<>();

	private final InputStream in;

	private final JsonParser parser;

	private long line;

	JsonRecordReader(Path file) throws IOException {
		this.file = file;
		List<String> keys = new ArrayList<>();
		Map<String, Boolean> seen = new LinkedHashMap<>();
		try (InputStream scan = Files.newInputStream(file);
				JsonParser parser = JsonMapper.shared().createParser(scan)) {
			start(parser);
			while (nextObject(parser)) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					if (seen.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), Boolean.TRUE) == null) {
						keys.add(name);
					}
					value(parser);
				}
			}
		}
		catch (JacksonException ex) {
			throw invalid(ex);
		}
		if (keys.isEmpty()) {
			throw new DataRejectedException("The JSON array has no objects with values.");
		}
		this.header = Headers.check(keys);
		for (int i = 0; i < keys.size(); i++) {
			this.index.put(keys.get(i).strip().toLowerCase(Locale.ROOT), i);
		}
		this.in = Files.newInputStream(this.file);
		this.parser = JsonMapper.shared().createParser(this.in);
		start(this.parser);
	}

	@Override
	public List<String> header() {
		return this.header;
	}

	@Override
	public String[] next() {
		try {
			if (!nextObject(this.parser)) {
				return null;
			}
			this.line = this.parser.currentLocation().getLineNr();
			String[] row = new String[this.header.size()];
			Arrays.fill(row, "");
			while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
				Integer at = this.index.get(this.parser.currentName().strip().toLowerCase(Locale.ROOT));
				String value = value(this.parser);
				if (at != null) {
					row[at] = value;
				}
			}
			return row;
		}
		catch (JacksonException ex) {
			throw invalid(ex);
		}
	}

	@Override
	public long line() {
		return this.line;
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
		this.in.close();
	}

	private static void start(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_ARRAY) {
			throw new DataRejectedException("The JSON file must be an array of objects, one per row: [{...}, {...}].");
		}
	}

	private static boolean nextObject(JsonParser parser) {
		JsonToken token = parser.nextToken();
		if (token == JsonToken.END_ARRAY || token == null) {
			return false;
		}
		if (token != JsonToken.START_OBJECT) {
			throw new DataRejectedException("Line " + parser.currentLocation().getLineNr()
					+ " of the JSON file: the array must hold objects only.");
		}
		return true;
	}

	private static String value(JsonParser parser) {
		JsonToken token = parser.nextToken();
		return switch (token) {
			case VALUE_NULL -> "";
			case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString();
			case VALUE_TRUE -> "true";
			case VALUE_FALSE -> "false";
			default -> throw new DataRejectedException("Line " + parser.currentLocation().getLineNr()
					+ " of the JSON file: the value of '" + parser.currentName()
					+ "' is a nested object or array; only flat values can be uploaded.");
		};
	}

	private static DataRejectedException invalid(JacksonException ex) {
		long line = (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
		return new DataRejectedException("The file is not valid JSON (line " + line + ").");
	}

}
