package org.ontask.action.action;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A view of the workflow attached to an email report as a CSV file.
 *
 * @param viewId dataops' id of the view
 * @param viewName its name when it was chosen, to name it in a run's report once the view
 * is gone
 */
@Embeddable
public record ActionAttachment(@Column(name = "view_id", nullable = false) long viewId,
		@Column(name = "view_name", nullable = false) String viewName) {

}
