/**
 * The message template language of the original OnTask ({@code {{ column name }}},
 * {@code {% if condition %}…{% else %}…{% endif %}}, {@code {% ot_insert_report %}},
 * {@code {% ot_insert_rubric_feedback %}}), checked against the names an action may use
 * and rendered by a locked-down Pebble engine.
 */
package org.ontask.action.template;
