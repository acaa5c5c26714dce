package org.ontask.action.run;

import java.time.Instant;
import java.util.List;

/**
 * A run and its progress.
 *
 * @param id the run
 * @param actionId its action
 * @param status {@code QUEUED}, {@code RUNNING}, {@code PAUSED}, {@code DONE} or
 * {@code FAILED}
 * @param total learners selected
 * @param sent messages sent
 * @param failed learners whose message failed
 * @param excluded learners left out on request
 * @param message what the run says about itself (e.g. why it paused)
 * @param failures each failure: to whom and why
 * @param createdAt when it was started
 * @param finishedAt when it ended
 */
public record RunResponse(long id, long actionId, String status, int total, int sent, int failed, int excluded,
		String message, List<Failure> failures, Instant createdAt, Instant finishedAt) {

	/**
	 * How far the run has got.
	 * @return from 0 to 100
	 */
	public int percent() {
		return (this.total == 0) ? (isOver() ? 100 : 0)
				: (int) Math.min(100, (100L * (this.sent + this.failed + this.excluded)) / this.total);
	}

	/**
	 * Whether the run has ended.
	 * @return true when done or failed
	 */
	public boolean isOver() {
		return this.status.equals("DONE") || this.status.equals("FAILED");
	}

	/**
	 * A learner whose message was not sent.
	 *
	 * @param recipient the address
	 * @param error why
	 */
	public record Failure(String recipient, String error) {
	}

}
