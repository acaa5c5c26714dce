/**
 * The workflow attributes messages may print, kept from workflow-service's
 * {@code workflow.attribute-set} and {@code workflow.attribute-removed} events.
 */
package org.ontask.action.attribute;
