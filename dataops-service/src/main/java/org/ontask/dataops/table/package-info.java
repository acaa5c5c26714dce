/**
 * The pages of a workflow's learner table.
 */
package org.ontask.dataops.table;
