/**
 * scheduler-service's own record of the workflows it serves and who may open them, kept
 * from workflow-service's events ({@code workflow.created} on {@code workflow.events}).
 */
package org.ontask.scheduler.workflow;
