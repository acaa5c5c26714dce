/**
 * The per-workflow history: every event about a workflow that the service subscribes to
 * (its own {@code workflow.events} and the other services' exchanges, configured), kept
 * generically as exchange, routing key, actor, time and JSON payload; shown as a
 * filterable timeline, as CSV and through the API.
 */
package org.ontask.workflow.history;
