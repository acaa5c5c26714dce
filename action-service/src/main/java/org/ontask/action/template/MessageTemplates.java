package org.ontask.action.template;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.lexer.Syntax;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.tokenParser.IfTokenParser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

import org.ontask.action.template.Markup.Part;
import org.ontask.action.template.MessageTemplate.Slot;

/**
 * Checks and compiles message templates. A template in the original's language is parsed
 * here first (see {@link Markup}); every name it uses must be a column, attribute or
 * condition, and each is replaced by a generated identifier ({@code v0}, {@code v1}, …)
 * before Pebble sees the template, so a name with spaces, quotes or template syntax in it
 * is harmless. Pebble itself is locked down as a second line of defence: its delimiters
 * are characters a user's template may not contain, every tag but {@code if}, every
 * function, test and filter (but the escaper) is removed, no Java method may be called,
 * nothing is loaded from files, and output size and rendering time are bounded.
 */
public final class MessageTemplates {

	/** The longest template accepted. */
	public static final int MAX_TEMPLATE_CHARS = 500_000;

	private static final String R = String.valueOf(Markup.RESERVED);

	private static final String PRINT_OPEN = R + "\uE001";

	private static final String PRINT_CLOSE = "\uE001" + R;

	private static final String EXECUTE_OPEN = R + "\uE002";

	private static final String EXECUTE_CLOSE = "\uE002" + R;

	private final PebbleEngine htmlEngine;

	private final PebbleEngine textEngine;

	private final int maxChars;

	private final Duration maxTime;

	/**
	 * Engines with the given limits.
	 * @param maxChars the longest message rendered
	 * @param maxTime the longest time one message may take
	 */
	public MessageTemplates(int maxChars, Duration maxTime) {
		this.maxChars = maxChars;
		this.maxTime = maxTime;
		this.htmlEngine = engine(true, maxChars);
		this.textEngine = engine(false, maxChars);
	}

	private static PebbleEngine engine(boolean html, int maxChars) {
		// private-use characters only: no operator or bracket of the expression language
		Syntax syntax = new Syntax.Builder().setPrintOpenDelimiter(PRINT_OPEN)
			.setPrintCloseDelimiter(PRINT_CLOSE)
			.setExecuteOpenDelimiter(EXECUTE_OPEN)
			.setExecuteCloseDelimiter(EXECUTE_CLOSE)
			.setCommentOpenDelimiter(R + "\uE003")
			.setCommentCloseDelimiter("\uE003" + R)
			.setWhitespaceTrim("\uE004")
			.setEnableNewLineTrimming(false)
			.build();
		return new PebbleEngine.Builder().loader(new StringLoader())
			.syntax(syntax)
			.cacheActive(false)
			.strictVariables(true)
			.newLineTrimming(false)
			.autoEscaping(html)
			.defaultEscapingStrategy("html")
			// a backstop behind the writer that counts (and tells the user) first
			.maxRenderedSize(2 * maxChars)
			.methodAccessValidator((object, method) -> false)
			.registerExtensionCustomizer(LockedDown::new)
			.build();
	}

	/**
	 * Checks a template and compiles it.
	 * @param source the template in the original's language
	 * @param html whether the message is HTML (values are then HTML-escaped, and the
	 * editor's entities in names are decoded)
	 * @param names what the template may refer to
	 * @return the compiled template
	 * @throws TemplateException with the position of the first problem
	 */
	public MessageTemplate compile(String source, boolean html, TemplateNames names) {
		return compile(source, html, false, names);
	}

	/**
	 * Checks a JSON document template and compiles it. A value printed inside a JSON
	 * string is JSON-escaped; one printed outside a string becomes a JSON literal (a
	 * number, {@code true}/{@code false}, {@code null} or a quoted string), so no value
	 * can break the document's structure. {@code ot_insert_report} inserts a JSON object
	 * of lists of column values.
	 * @param source the template in the original's language
	 * @param names what the template may refer to
	 * @return the compiled template
	 * @throws TemplateException with the position of the first problem
	 */
	public MessageTemplate compileJson(String source, TemplateNames names) {
		return compile(source, false, true, names);
	}

	private MessageTemplate compile(String source, boolean html, boolean json, TemplateNames names) {
		String text = (source != null) ? source : "";
		if (text.length() > MAX_TEMPLATE_CHARS) {
			throw new TemplateException("The message is longer than " + MAX_TEMPLATE_CHARS + " characters");
		}
		List<Part> parts = Markup.parse(text, html);
		StringBuilder pebble = new StringBuilder(text.length() + 64);
		Map<String, Slot> slots = new HashMap<>();
		Map<Slot, String> ids = new HashMap<>();
		Set<String> columns = new LinkedHashSet<>();
		Set<String> conditions = new LinkedHashSet<>();
		Set<String> attributes = new LinkedHashSet<>();
		Deque<int[]> open = new ArrayDeque<>();
		boolean skipNewLine = false;
		// JSON: whether the text so far ends inside a string literal
		boolean inString = false;
		for (Part part : parts) {
			if (part instanceof Markup.Text literal) {
				String chunk = literal.text();
				if (skipNewLine) {
					chunk = withoutLeadingNewLine(chunk);
				}
				pebble.append(chunk);
				if (json) {
					inString = endsInString(chunk, inString);
				}
				skipNewLine = false;
				continue;
			}
			skipNewLine = false;
			if (part instanceof Markup.Value value) {
				Slot slot;
				String name = value.name();
				if (names.attributes().contains(name)) {
					slot = new MessageTemplate.AttributeSlot(name);
					attributes.add(name);
				}
				else if (names.columns().contains(name)) {
					slot = new MessageTemplate.ColumnSlot(name);
					columns.add(name);
				}
				else if (names.conditions().contains(name)) {
					slot = new MessageTemplate.ConditionTextSlot(name);
					conditions.add(name);
				}
				else {
					throw Markup.error(text, value.offset(), "\"" + Markup.abbreviate(name)
							+ "\" is not a column, attribute or condition of this action");
				}
				print(pebble, id(json ? new MessageTemplate.JsonSlot(slot, inString) : slot, slots, ids));
			}
			else if (part instanceof Markup.If condition) {
				if (!names.conditions().contains(condition.name())) {
					throw Markup.error(text, condition.offset(),
							"\"" + Markup.abbreviate(condition.name()) + "\" is not a condition of this action");
				}
				conditions.add(condition.name());
				trimTrailingNewLine(pebble);
				open.push(new int[] { condition.offset(), 0 });
				pebble.append(EXECUTE_OPEN)
					.append(" if ")
					.append(id(new MessageTemplate.ConditionSlot(condition.name()), slots, ids))
					.append(" ")
					.append(EXECUTE_CLOSE);
			}
			else if (part instanceof Markup.Else otherwise) {
				if (open.isEmpty()) {
					throw Markup.error(text, otherwise.offset(), "\"{% else %}\" without \"{% if %}\"");
				}
				if (open.peek()[1] == 1) {
					throw Markup.error(text, otherwise.offset(), "A second \"{% else %}\" in the same \"{% if %}\"");
				}
				open.peek()[1] = 1;
				pebble.append(EXECUTE_OPEN).append(" else ").append(EXECUTE_CLOSE);
			}
			else if (part instanceof Markup.EndIf end) {
				if (open.isEmpty()) {
					throw Markup.error(text, end.offset(), "\"{% endif %}\" without \"{% if %}\"");
				}
				open.pop();
				pebble.append(EXECUTE_OPEN).append(" endif ").append(EXECUTE_CLOSE);
				skipNewLine = true;
			}
			else if (part instanceof Markup.Report report) {
				if (!names.reportAllowed()) {
					throw Markup.error(text, report.offset(),
							"ot_insert_report can only be used in an email or JSON report");
				}
				for (String column : report.columns()) {
					if (!names.columns().contains(column)) {
						throw Markup.error(text, report.offset(),
								"\"" + Markup.abbreviate(column) + "\" is not a column of the table");
					}
					columns.add(column);
				}
				if (json && inString) {
					throw Markup.error(text, report.offset(),
							"ot_insert_report inserts a JSON object and cannot be inside a string (remove the quotes "
									+ "around it)");
				}
				print(pebble, id(new MessageTemplate.ReportSlot(List.copyOf(report.columns())), slots, ids));
			}
			else if (part instanceof Markup.Rubric rubric) {
				if (!names.rubricAllowed()) {
					throw Markup.error(text, rubric.offset(),
							"ot_insert_rubric_feedback can only be used in a rubric action");
				}
				print(pebble, id(new MessageTemplate.RubricSlot(), slots, ids));
			}
		}
		if (!open.isEmpty()) {
			throw Markup.error(text, open.peek()[0], "\"{% if %}\" is not closed with \"{% endif %}\"");
		}
		PebbleEngine engine = html ? this.htmlEngine : this.textEngine;
		try {
			return new MessageTemplate(engine.getTemplate(pebble.toString()), html, json, slots, columns, conditions,
					attributes, this.maxChars, this.maxTime);
		}
		catch (PebbleException ex) {
			// cannot happen for markup this class generated; said plainly if it does
			throw new TemplateException("The message could not be prepared: " + ex.getPebbleMessage());
		}
	}

	/**
	 * The column names a template refers to: those in {@code {{ name }}} and in
	 * {@code ot_insert_report} (attributes and conditions printed with {@code {{ }}} are
	 * included; callers compare against a column's name). A template that cannot be
	 * parsed refers to nothing.
	 * @param source the template
	 * @param html whether it is the HTML message
	 * @return the names, in order of first use
	 */
	public static Set<String> referencedNames(String source, boolean html) {
		Set<String> names = new LinkedHashSet<>();
		for (Part part : partsOrNone(source, html)) {
			if (part instanceof Markup.Value value) {
				names.add(value.name());
			}
			else if (part instanceof Markup.Report report) {
				names.addAll(report.columns());
			}
		}
		return names;
	}

	/**
	 * Rewrites a template's references to a renamed column, found by the template parser
	 * (so text that merely looks like the name is left alone): {@code {{ from }}} becomes
	 * {@code {{ to }}} unless {@code from} is an attribute (attributes win over columns
	 * in {@code {{ }}}), and {@code from} among {@code ot_insert_report}'s arguments
	 * becomes {@code to}. {@code {% if %}} names conditions and is never touched. A
	 * template that cannot be parsed, or a new name that cannot be written in a template
	 * (quotes), leaves the template as it is.
	 * @param source the template
	 * @param html whether it is the HTML message (the new name is then HTML-escaped as
	 * the editor writes it)
	 * @param from the column's old name
	 * @param to its new name
	 * @param attributes the workflow's attribute names
	 * @return the rewritten template
	 */
	public static String renameColumn(String source, boolean html, String from, String to, Set<String> attributes) {
		if (source == null || to.indexOf('"') >= 0 || to.indexOf('\'') >= 0) {
			return source;
		}
		String written = html ? to.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") : to;
		StringBuilder out = new StringBuilder(source.length() + 16);
		int copied = 0;
		for (Part part : partsOrNone(source, html)) {
			String replacement = null;
			int offset = -1;
			String close = "}}";
			if (part instanceof Markup.Value value && value.name().equals(from) && !attributes.contains(from)) {
				offset = value.offset();
				replacement = "{{ " + written + " }}";
			}
			else if (part instanceof Markup.Report report && report.columns().contains(from)) {
				offset = report.offset();
				close = "%}";
				StringBuilder tag = new StringBuilder("{% ot_insert_report");
				for (String column : report.columns()) {
					String name = column.equals(from) ? written
							: (html ? column.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") : column);
					tag.append(" \"").append(name).append('"');
				}
				replacement = tag.append(" %}").toString();
			}
			if (replacement != null) {
				// the parser closes each markup at the first delimiter after its opening
				int end = source.indexOf(close, offset + 2) + 2;
				out.append(source, copied, offset).append(replacement);
				copied = end;
			}
		}
		return out.append(source, copied, source.length()).toString();
	}

	private static List<Part> partsOrNone(String source, boolean html) {
		if (source == null || source.length() > MAX_TEMPLATE_CHARS) {
			return List.of();
		}
		try {
			return Markup.parse(source, html);
		}
		catch (TemplateException ex) {
			return List.of();
		}
	}

	/** Follows the double quotes (and their escapes) of JSON text. */
	private static boolean endsInString(String chunk, boolean inString) {
		boolean in = inString;
		for (int i = 0; i < chunk.length(); i++) {
			char c = chunk.charAt(i);
			if (in && c == '\\') {
				i++;
			}
			else if (c == '"') {
				in = !in;
			}
		}
		return in;
	}

	private static void print(StringBuilder pebble, String id) {
		pebble.append(PRINT_OPEN).append(" ").append(id).append(" ").append(PRINT_CLOSE);
	}

	private static String id(Slot slot, Map<String, Slot> slots, Map<Slot, String> ids) {
		return ids.computeIfAbsent(slot, (s) -> {
			String id = "v" + slots.size();
			slots.put(id, s);
			return id;
		});
	}

	private static String withoutLeadingNewLine(String chunk) {
		if (chunk.startsWith("\r\n")) {
			return chunk.substring(2);
		}
		return chunk.startsWith("\n") ? chunk.substring(1) : chunk;
	}

	private static void trimTrailingNewLine(StringBuilder pebble) {
		int length = pebble.length();
		if (length > 0 && pebble.charAt(length - 1) == '\n') {
			pebble.setLength(length - 1);
			if (length > 1 && pebble.charAt(length - 2) == '\r') {
				pebble.setLength(length - 2);
			}
		}
	}

	/**
	 * Every extension of the engine reduced to the {@code if} tag and the escaper: no
	 * {@code include}, {@code for}, {@code set}, {@code macro}, no functions (no
	 * {@code range}, no {@code i18n}), no tests, no global variables.
	 */
	private static final class LockedDown extends ExtensionCustomizer {

		LockedDown(Extension delegate) {
			super(delegate);
		}

		@Override
		public List<TokenParser> getTokenParsers() {
			return keep(super::getTokenParsers, (parser) -> parser instanceof IfTokenParser);
		}

		@Override
		public Map<String, Filter> getFilters() {
			Map<String, Filter> filters = super.getFilters();
			if (filters == null) {
				return null;
			}
			return filters.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equals("escape"))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		}

		@Override
		public Map<String, Function> getFunctions() {
			return Map.of();
		}

		@Override
		public Map<String, Test> getTests() {
			return Map.of();
		}

		@Override
		public Map<String, Object> getGlobalVariables() {
			return Map.of();
		}

		private static <T> List<T> keep(Supplier<List<T>> all, java.util.function.Predicate<T> wanted) {
			List<T> list = all.get();
			return (list != null) ? list.stream().filter(wanted).toList() : null;
		}

	}

}
