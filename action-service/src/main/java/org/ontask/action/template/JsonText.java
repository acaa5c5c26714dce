package org.ontask.action.template;

import java.math.BigDecimal;
import java.math.BigInteger;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values in JSON documents, and the check that a document is JSON.
 */
public final class JsonText {

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonText() {
	}

	/**
	 * Text escaped for the inside of a JSON string literal.
	 * @param text the text
	 * @return the escaped text, without quotes
	 */
	public static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				// also keeps the document safe to embed in HTML or script
				case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	/**
	 * A value as a JSON literal: numbers as numbers, true/false, null, anything else as a
	 * string.
	 * @param value a value as dataops answers it
	 * @return its JSON text
	 */
	public static String literal(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Boolean bool) {
			return bool.toString();
		}
		if (value instanceof Double number) {
			return (number.isNaN() || number.isInfinite()) ? "null" : number.toString();
		}
		if (value instanceof Float number) {
			return (number.isNaN() || number.isInfinite()) ? "null" : Double.toString(number.doubleValue());
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			return value.toString();
		}
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		return "\"" + escape(ValueText.of(value)) + "\"";
	}

	/**
	 * Checks that a text is one JSON value.
	 * @param document the text
	 * @return null when it is, otherwise what is wrong and where (line and column of the
	 * text)
	 */
	public static String problem(String document) {
		if (document == null || document.isBlank()) {
			return "the document is empty";
		}
		try {
			STRICT.readTree(document);
			return null;
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String message = ex.getOriginalMessage();
			if (message != null) {
				int details = message.indexOf('\n');
				message = (details > 0) ? message.substring(0, details) : message;
			}
			String where = "";
			if (location != null && location.getLineNr() > 0) {
				where = " at line " + location.getLineNr() + ", column " + location.getColumnNr();
				String near = near(document, location.getLineNr(), location.getColumnNr());
				if (!near.isBlank()) {
					where += " (near \"" + near + "\")";
				}
			}
			return "not valid JSON" + where + ": " + message;
		}
	}

	/**
	 * Checks that a JSON template produces JSON: it is rendered with every value missing,
	 * once with every condition false and once with every condition true, and each result
	 * must be one JSON value.
	 * @param template a template compiled with {@link MessageTemplates#compileJson}
	 * @param attributes the workflow's attributes
	 * @throws TemplateException saying what is wrong, where, and in which rendering
	 */
	public static void check(MessageTemplate template, java.util.Map<String, String> attributes) {
		RenderInput.Macros macros = new RenderInput.Macros() {
			@Override
			public String report(java.util.List<String> columns) {
				return reportOf(columns, java.util.List.of());
			}
		};
		for (boolean truth : new boolean[] { false, true }) {
			java.util.Map<String, Boolean> conditions = new java.util.HashMap<>();
			template.conditions().forEach((name) -> conditions.put(name, truth));
			String problem = problem(
					template.render(new RenderInput(java.util.Map.of(), conditions, attributes, macros)));
			if (problem != null) {
				throw new TemplateException("the document is " + problem
						+ (template.conditions().isEmpty() ? "" : " (with every condition " + truth + ")")
						+ " (positions are in the document produced with every value empty)");
			}
		}
	}

	/**
	 * What {@code ot_insert_report} inserts in a JSON document: an object with, for each
	 * column, the list of its values over the selected learners, as text (as the
	 * original), missing values as {@code null}.
	 * @param columns the columns
	 * @param rows each learner's values
	 * @return the JSON object
	 */
	public static String reportOf(java.util.List<String> columns,
			java.util.List<? extends java.util.Map<String, ?>> rows) {
		StringBuilder json = new StringBuilder("{");
		for (int c = 0; c < columns.size(); c++) {
			if (c > 0) {
				json.append(", ");
			}
			json.append('"').append(escape(columns.get(c))).append("\": [");
			for (int r = 0; r < rows.size(); r++) {
				if (r > 0) {
					json.append(", ");
				}
				Object value = rows.get(r).get(columns.get(c));
				json.append((value == null) ? "null" : "\"" + escape(ValueText.of(value)) + "\"");
			}
			json.append(']');
		}
		return json.append('}').toString();
	}

	private static String near(String document, int lineNr, int columnNr) {
		String[] lines = document.split("\n", -1);
		if (lineNr > lines.length) {
			return "";
		}
		String line = lines[lineNr - 1];
		int at = Math.min(Math.max(columnNr - 1, 0), line.length());
		return line.substring(Math.max(0, at - 20), Math.min(line.length(), at + 10)).strip();
	}

}
