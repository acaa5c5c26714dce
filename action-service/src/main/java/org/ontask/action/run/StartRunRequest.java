package org.ontask.action.run;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a run needs. Email runs use the email fields; JSON runs
 * ({@code personalized_json}, {@code json_report}) use {@code keyColumn},
 * {@code targetUrl} and {@code token}.
 *
 * @param emailColumn the column holding each learner's email address
 * @param subject the subject template; blank for the action's own subject
 * @param cc addresses copied on every message, separated by spaces or commas
 * @param bcc addresses blind-copied on every message
 * @param trackRead whether to track reading: adds a column {@code EmailRead_<n>} counting
 * the learners' opened messages
 * @param sendSummary whether to email the instructor a summary at the end
 * @param exclude email addresses (JSON: key values) not to send to
 * @param keyColumn for {@code personalized_json}: the column identifying each learner
 * (recorded per delivery, used for exclusions and incremental runs)
 * @param targetUrl for JSON actions: where the documents are POSTed
 * @param token for JSON actions: the bearer token sent with them; never logged, kept
 * encrypted while the run is unfinished and erased when it ends
 * @param emailTo for {@code email_report}: the addresses the report goes to, separated by
 * spaces or commas; blank for the user starting the run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StartRunRequest(String emailColumn, String subject, String cc, String bcc, Boolean trackRead,
		Boolean sendSummary, List<String> exclude, String keyColumn, String targetUrl, String token, String emailTo) {

	/**
	 * An email run.
	 * @param emailColumn the column holding each learner's email address
	 * @param subject the subject template
	 * @param cc addresses copied on every message
	 * @param bcc addresses blind-copied on every message
	 * @param trackRead whether to track reading
	 * @param sendSummary whether to email the instructor a summary at the end
	 * @param exclude email addresses not to send to
	 */
	public StartRunRequest(String emailColumn, String subject, String cc, String bcc, Boolean trackRead,
			Boolean sendSummary, List<String> exclude) {
		this(emailColumn, subject, cc, bcc, trackRead, sendSummary, exclude, null, null, null, null);
	}

	@Override
	public String toString() {
		// the token stays out of logs and error messages
		return "StartRunRequest[emailColumn=" + this.emailColumn + ", subject=" + this.subject + ", keyColumn="
				+ this.keyColumn + ", targetUrl=" + this.targetUrl + ", token=" + ((this.token != null) ? "***" : null)
				+ ", emailTo=" + this.emailTo + "]";
	}

}
