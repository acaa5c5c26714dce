package org.ontask.action.template;

/**
 * A template that cannot be used: a syntax error, an unknown name, a tag that is not
 * allowed, or a rendering that went past its limits. The message says what is wrong and
 * where (line and column, both counted from 1).
 */
public class TemplateException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int line;

	private final int column;

	TemplateException(String message, int line, int column) {
		super((line > 0) ? message + " (line " + line + ", column " + column + ")" : message);
		this.line = line;
		this.column = column;
	}

	/**
	 * A problem that is not at a position of the template.
	 * @param message what is wrong
	 */
	public TemplateException(String message) {
		this(message, 0, 0);
	}

	/**
	 * The line of the problem.
	 * @return from 1; 0 when the problem is not at one place (e.g. a limit when
	 * rendering)
	 */
	public int line() {
		return this.line;
	}

	/**
	 * The column of the problem.
	 * @return from 1; 0 when the problem is not at one place
	 */
	public int column() {
		return this.column;
	}

}
