package org.ontask.dataops.view;

import java.util.List;

/**
 * A view of a workflow's table.
 *
 * @param id the view id
 * @param workflowId the workflow
 * @param name its name (unique per workflow ignoring case)
 * @param description free text
 * @param columns the names of its columns, in display order
 * @param filter the filter formula JSON ({@code {}} for every row)
 * @param filterText the filter as readable text (empty for every row)
 */
public record View(long id, long workflowId, String name, String description, List<String> columns, String filter,
		String filterText) {

}
