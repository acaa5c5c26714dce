package org.ontask.action.action;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of action this service offers, with the original's type codes.
 */
public enum ActionType {

	/** An HTML message personalised per learner, sent by email. */
	PERSONALIZED_TEXT("personalized_text", "Personalised text", true, false),

	/** Like personalised text, with rubric feedback per criterion. */
	RUBRIC_TEXT("rubric_text", "Rubric feedback", false, true),

	/** One email to fixed recipients with tables of column values. */
	EMAIL_REPORT("email_report", "Email report", false, false),

	/** A JSON document per learner, POSTed to another system. */
	PERSONALIZED_JSON("personalized_json", "Personalised JSON", true, false),

	/** One JSON document with lists of column values, POSTed to another system. */
	JSON_REPORT("json_report", "JSON report", false, false),

	/**
	 * Questions (columns) learners answer on their page; the answers go into their row.
	 */
	SURVEY("survey", "Survey", true, false),

	/** A survey whose items are true/false columns, ticked off by each learner. */
	TODO_LIST("todo_list", "To-do list", true, false);

	private final String code;

	private final String label;

	private final boolean conditions;

	private final boolean rubric;

	ActionType(String code, String label, boolean conditions, boolean rubric) {
		this.code = code;
		this.label = label;
		this.conditions = conditions;
		this.rubric = rubric;
	}

	/**
	 * The original's type code.
	 * @return e.g. {@code personalized_text}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * The name people see.
	 * @return e.g. "Personalised text"
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Whether conditions may be defined (an email report has none, as in the original).
	 * @return true when conditions are allowed
	 */
	public boolean allowsConditions() {
		return this.conditions || this.rubric;
	}

	/**
	 * Whether the rubric macro may be used.
	 * @return true for rubric actions
	 */
	public boolean isRubric() {
		return this.rubric;
	}

	/**
	 * Whether the report macro may be used.
	 * @return true for email reports
	 */
	public boolean isReport() {
		return this == EMAIL_REPORT || this == JSON_REPORT;
	}

	/**
	 * Whether the text is a JSON document delivered to a URL.
	 * @return true for personalised JSON and JSON reports
	 */
	public boolean isJson() {
		return this == PERSONALIZED_JSON || this == JSON_REPORT;
	}

	/**
	 * Whether learners answer questions (columns) instead of reading a message.
	 * @return true for surveys and to-do lists
	 */
	public boolean isSurvey() {
		return this == SURVEY || this == TODO_LIST;
	}

	/**
	 * The type with this code.
	 * @param code a type code
	 * @return the type, empty when unknown
	 */
	public static Optional<ActionType> fromCode(String code) {
		return Arrays.stream(values()).filter((type) -> type.code.equals(code)).findFirst();
	}

}
