package org.ontask.action.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template written in the original's language into literal text and markup. Only
 * five forms of markup exist: {@code {{ name }}}, {@code {% if name %}}, {@code {% else
 * %}}, {@code {% endif %}}, {@code {% ot_insert_report "c1" "c2" %}} and {@code {%
 * ot_insert_rubric_feedback %}}; anything else between {@code {%} and {@code %}} is
 * refused here, so the engine never sees a tag the user wrote.
 */
final class Markup {

	/**
	 * Marks the engine's own delimiters (with the next few private-use characters); none
	 * of {@code U+E000}…{@code U+E0FF} is allowed in a user's template.
	 */
	static final char RESERVED = '\uE000';

	private static final Pattern QUOTED = Pattern.compile("\\s*\"([^\"]*)\"");

	sealed interface Part permits Text, Value, If, Else, EndIf, Report, Rubric {

	}

	record Text(String text) implements Part {
	}

	record Value(String name, int offset) implements Part {
	}

	record If(String name, int offset) implements Part {
	}

	record Else(int offset) implements Part {
	}

	record EndIf(int offset) implements Part {
	}

	record Report(List<String> columns, int offset) implements Part {
	}

	record Rubric(int offset) implements Part {
	}

	private Markup() {
	}

	static List<Part> parse(String source, boolean html) {
		List<Part> parts = new ArrayList<>();
		for (int i = 0; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c >= RESERVED && c <= '\uE0FF') {
				throw error(source, i, String.format("The character U+%04X is not allowed in a message", (int) c));
			}
		}
		int at = 0;
		while (at < source.length()) {
			int value = source.indexOf("{{", at);
			int tag = source.indexOf("{%", at);
			int next = (value < 0) ? tag : ((tag < 0) ? value : Math.min(value, tag));
			if (next < 0) {
				parts.add(new Text(source.substring(at)));
				break;
			}
			if (next > at) {
				parts.add(new Text(source.substring(at, next)));
			}
			boolean isValue = next == value;
			String close = isValue ? "}}" : "%}";
			int end = source.indexOf(close, next + 2);
			if (end < 0) {
				throw error(source, next, (isValue ? "\"{{\"" : "\"{%\"") + " is not closed with \"" + close + "\"");
			}
			String inner = normalise(source.substring(next + 2, end), html);
			if (isValue) {
				parts.add(new Value(name(source, next, inner), next));
			}
			else {
				parts.add(tag(source, next, inner));
			}
			at = end + 2;
		}
		return parts;
	}

	private static Part tag(String source, int offset, String inner) {
		String word = inner.split("\\s+", 2)[0];
		String rest = inner.substring(word.length()).trim();
		switch (word) {
			case "if":
				if (rest.isEmpty()) {
					throw error(source, offset, "\"{% if %}\" needs the name of a condition");
				}
				return new If(name(source, offset, rest), offset);
			case "else":
				requireNothing(source, offset, word, rest);
				return new Else(offset);
			case "endif":
				requireNothing(source, offset, word, rest);
				return new EndIf(offset);
			case "ot_insert_rubric_feedback":
				requireNothing(source, offset, word, rest);
				return new Rubric(offset);
			case "ot_insert_report":
				return new Report(quotedNames(source, offset, rest), offset);
			default:
				throw error(source, offset,
						"\"{% " + abbreviate(inner)
								+ " %}\" is not allowed: only if, else, endif, ot_insert_report and "
								+ "ot_insert_rubric_feedback can be used");
		}
	}

	private static List<String> quotedNames(String source, int offset, String rest) {
		List<String> names = new ArrayList<>();
		Matcher matcher = QUOTED.matcher(rest);
		int at = 0;
		while (at < rest.length()) {
			matcher.region(at, rest.length());
			if (!matcher.lookingAt()) {
				throw error(source, offset, "ot_insert_report takes column names in double quotes, e.g. "
						+ "{% ot_insert_report \"Name\" \"Score\" %}");
			}
			names.add(matcher.group(1));
			at = matcher.end();
		}
		if (names.isEmpty()) {
			throw error(source, offset, "ot_insert_report needs at least one column name in double quotes");
		}
		return names;
	}

	private static void requireNothing(String source, int offset, String word, String rest) {
		if (!rest.isEmpty()) {
			throw error(source, offset, "\"{% " + word + " %}\" takes nothing after \"" + word + "\"");
		}
	}

	private static String name(String source, int offset, String name) {
		if (name.isEmpty()) {
			throw error(source, offset, "A name is missing between the delimiters");
		}
		if (name.indexOf('"') >= 0 || name.indexOf('\'') >= 0) {
			throw error(source, offset, "\"" + abbreviate(name) + "\" is not a name: names cannot contain quotes");
		}
		return name;
	}

	/**
	 * What was written between the delimiters as the user meant it: the editor's HTML
	 * entities decoded (it escapes {@code &} and {@code <} in names), line breaks as
	 * spaces, surrounding space removed.
	 */
	private static String normalise(String inner, boolean html) {
		String text = inner;
		if (html) {
			text = text.replace("&nbsp;", " ")
				.replace("&lt;", "<")
				.replace("&gt;", ">")
				.replace("&quot;", "\"")
				.replace("&#39;", "'")
				.replace("&#x27;", "'")
				.replace("&amp;", "&");
		}
		return text.replace('\u00A0', ' ').replace('\r', ' ').replace('\n', ' ').replace('\t', ' ').trim();
	}

	static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
	}

	static TemplateException error(String source, int offset, String message) {
		int line = 1;
		int column = 1;
		for (int i = 0; i < offset && i < source.length(); i++) {
			if (source.charAt(i) == '\n') {
				line++;
				column = 1;
			}
			else {
				column++;
			}
		}
		return new TemplateException(message, line, column);
	}

}
