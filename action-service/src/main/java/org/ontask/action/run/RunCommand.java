package org.ontask.action.run;

/**
 * The command on the work queue: carry out (or resume) this run.
 *
 * @param runId the run
 */
record RunCommand(long runId) {

}
