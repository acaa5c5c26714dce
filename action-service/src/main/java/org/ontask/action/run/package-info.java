/**
 * Runs: an action's message emailed to every learner its filter selects. A run is a row
 * in {@code action_run} and a command on the RabbitMQ work queue
 * {@code action-service.runs}; whichever replica takes it sends the messages over SMTP,
 * recording each learner before sending so that a resumed run never sends twice.
 */
package org.ontask.action.run;
