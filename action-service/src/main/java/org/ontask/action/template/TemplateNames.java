package org.ontask.action.template;

import java.util.Set;

/**
 * The names a template may use, and which macros its action type allows.
 *
 * @param columns the table's column names
 * @param conditions the action's condition names
 * @param attributes the workflow's attribute names (they win over a column with the same
 * name, as in the original)
 * @param reportAllowed whether {@code {% ot_insert_report %}} may be used
 * @param rubricAllowed whether {@code {% ot_insert_rubric_feedback %}} may be used
 */
public record TemplateNames(Set<String> columns, Set<String> conditions, Set<String> attributes, boolean reportAllowed,
		boolean rubricAllowed) {

	/**
	 * Copies the sets.
	 */
	public TemplateNames {
		columns = Set.copyOf(columns);
		conditions = Set.copyOf(conditions);
		attributes = Set.copyOf(attributes);
	}

}
