package org.ontask.scheduler.schedule;

/**
 * Internal: an execution was recorded and its command must be sent. Published in the
 * transaction that inserted the execution, so the outbox (Spring Modulith's publication
 * registry) holds it until {@link CommandSender} has had the broker confirm the command.
 *
 * @param executionId the execution
 */
record ExecutionQueued(long executionId) {

}
