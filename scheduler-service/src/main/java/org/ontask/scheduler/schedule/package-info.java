/**
 * Scheduled operations of a workflow (run an action, refresh the table from a SQL
 * source): the schedules and their executions, one per due time, fired by a clustered
 * Quartz scheduler and carried out by action-service or dataops-service through commands
 * on RabbitMQ. Publishes {@code schedule.*} on {@code scheduler.events}; consumes the
 * outcome events of action-service and dataops-service, {@code action.deleted} and
 * {@code workflow.deleted}.
 */
package org.ontask.scheduler.schedule;
