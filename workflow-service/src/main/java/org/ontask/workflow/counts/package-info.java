/**
 * How many rows, columns and actions each workflow has, projected from the events of
 * dataops-service and action-service.
 */
package org.ontask.workflow.counts;
