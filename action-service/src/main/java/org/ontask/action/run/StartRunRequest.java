package org.ontask.action.run;

import java.util.List;

/**
 * What a run needs.
 *
 * @param emailColumn the column holding each learner's email address
 * @param subject the subject template; blank for the action's own subject
 * @param cc addresses copied on every message, separated by spaces or commas
 * @param bcc addresses blind-copied on every message
 * @param trackRead whether to track reading: adds a column {@code EmailRead_<n>} counting
 * the learners' opened messages
 * @param sendSummary whether to email the instructor a summary at the end
 * @param exclude email addresses not to send to
 */
public record StartRunRequest(String emailColumn, String subject, String cc, String bcc, Boolean trackRead,
		Boolean sendSummary, List<String> exclude) {

}
