/**
 * Views: named subsets of a table's columns with a filter formula, shown as tables,
 * downloaded as CSV and summarised by the statistics dashboard. They follow column
 * renames and deletions and are copied with the workflow.
 */
package org.ontask.dataops.view;
