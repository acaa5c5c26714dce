/**
 * Workflows: create, list, open. Publishes {@code workflow.created} on
 * {@code workflow.events} in the transaction that creates the workflow.
 */
package org.ontask.workflow.workflow;
