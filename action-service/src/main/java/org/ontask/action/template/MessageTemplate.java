package org.ontask.action.template;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * A checked template, ready to render one message per learner. Thread-safe; compile once
 * per run and render many times.
 */
public final class MessageTemplate {

	private final PebbleTemplate template;

	private final boolean html;

	private final boolean json;

	/** Engine identifier to what it stands for. */
	private final Map<String, Slot> slots;

	private final Set<String> columns;

	private final Set<String> conditions;

	private final Set<String> attributes;

	private final int maxChars;

	private final Duration maxTime;

	sealed interface Slot
			permits ColumnSlot, AttributeSlot, ConditionSlot, ConditionTextSlot, ReportSlot, RubricSlot, JsonSlot {

	}

	record ColumnSlot(String name) implements Slot {
	}

	record AttributeSlot(String name) implements Slot {
	}

	record ConditionSlot(String name) implements Slot {
	}

	record ConditionTextSlot(String name) implements Slot {
	}

	record ReportSlot(List<String> columns) implements Slot {
	}

	record RubricSlot() implements Slot {
	}

	/** A value printed in a JSON document, inside a string literal or as a literal. */
	record JsonSlot(Slot value, boolean inString) implements Slot {
	}

	MessageTemplate(PebbleTemplate template, boolean html, boolean json, Map<String, Slot> slots, Set<String> columns,
			Set<String> conditions, Set<String> attributes, int maxChars, Duration maxTime) {
		this.template = template;
		this.html = html;
		this.json = json;
		this.slots = Map.copyOf(slots);
		this.columns = Collections.unmodifiableSet(new LinkedHashSet<>(columns));
		this.conditions = Collections.unmodifiableSet(new LinkedHashSet<>(conditions));
		this.attributes = Collections.unmodifiableSet(new LinkedHashSet<>(attributes));
		this.maxChars = maxChars;
		this.maxTime = maxTime;
	}

	/**
	 * The columns whose values the message prints (the report macro's columns included).
	 * @return column names
	 */
	public Set<String> columns() {
		return this.columns;
	}

	/**
	 * The conditions the message uses.
	 * @return condition names
	 */
	public Set<String> conditions() {
		return this.conditions;
	}

	/**
	 * The attributes the message prints.
	 * @return attribute names
	 */
	public Set<String> attributes() {
		return this.attributes;
	}

	/**
	 * Renders one message.
	 * @param input the learner's values, conditions, the attributes and macro output
	 * @return the message
	 * @throws TemplateException when the message grows past its size or time limit, or a
	 * condition it uses has no truth value
	 */
	public String render(RenderInput input) {
		Map<String, Object> context = new HashMap<>();
		for (Map.Entry<String, Slot> entry : this.slots.entrySet()) {
			context.put(entry.getKey(), value(entry.getValue(), input));
		}
		StringWriter out = new StringWriter();
		try {
			this.template.evaluate(new LimitedWriter(out, this.maxChars, System.nanoTime() + this.maxTime.toNanos()),
					context);
		}
		catch (TemplateException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof LimitException limit) {
					throw new TemplateException(limit.getMessage());
				}
			}
			throw new TemplateException("The message could not be produced: "
					+ ((ex instanceof PebbleException pebble) ? pebble.getPebbleMessage() : ex.getMessage()));
		}
		return out.toString();
	}

	/**
	 * Whether this is a JSON document template.
	 * @return true when compiled with {@link MessageTemplates#compileJson}
	 */
	public boolean isJson() {
		return this.json;
	}

	private Object value(Slot slot, RenderInput input) {
		if (slot instanceof JsonSlot json) {
			Object raw = raw(json.value(), input);
			return json.inString() ? JsonText.escape(ValueText.of(raw)) : JsonText.literal(raw);
		}
		if (slot instanceof ColumnSlot column) {
			return ValueText.of(input.values().get(column.name()));
		}
		if (slot instanceof AttributeSlot attribute) {
			String value = input.attributes().get(attribute.name());
			return (value != null) ? value : "";
		}
		if (slot instanceof ConditionSlot condition) {
			return truth(input, condition.name());
		}
		if (slot instanceof ConditionTextSlot condition) {
			return ValueText.of(truth(input, condition.name()));
		}
		String produced = (slot instanceof ReportSlot report) ? input.macros().report(report.columns())
				: input.macros().rubricFeedback();
		// macro output is escaped by whoever produced it; the engine must not escape it
		// twice
		return this.html ? new SafeString(produced) : produced;
	}

	private static Object raw(Slot slot, RenderInput input) {
		if (slot instanceof ColumnSlot column) {
			return input.values().get(column.name());
		}
		if (slot instanceof AttributeSlot attribute) {
			String value = input.attributes().get(attribute.name());
			return (value != null) ? value : "";
		}
		if (slot instanceof ConditionTextSlot condition) {
			return truth(input, condition.name());
		}
		throw new IllegalStateException("not a value: " + slot);
	}

	private static boolean truth(RenderInput input, String condition) {
		Boolean truth = input.conditions().get(condition);
		if (truth == null) {
			throw new TemplateException("Condition \"" + condition + "\" has no value for this learner");
		}
		return truth;
	}

	/** Stops a rendering that grows too large or takes too long. */
	private static final class LimitedWriter extends Writer {

		private final Writer target;

		private final int maxChars;

		private final long deadline;

		private long written;

		LimitedWriter(Writer target, int maxChars, long deadline) {
			this.target = target;
			this.maxChars = maxChars;
			this.deadline = deadline;
		}

		@Override
		public void write(char[] buffer, int offset, int length) throws IOException {
			this.written += length;
			if (this.written > this.maxChars) {
				throw new LimitException("The message is longer than " + this.maxChars + " characters");
			}
			if (System.nanoTime() > this.deadline) {
				throw new LimitException("The message took too long to produce");
			}
			this.target.write(buffer, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.target.flush();
		}

		@Override
		public void close() throws IOException {
			this.target.close();
		}

	}

	private static final class LimitException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		LimitException(String message) {
			super(message);
		}

	}

}
