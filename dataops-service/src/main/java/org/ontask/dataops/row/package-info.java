/**
 * One row at a time: view, add, edit and delete a learner's row on the table page, and
 * the type-checked update of one learner's cells over the internal API (survey answers).
 * Every change publishes {@code rows.updated}.
 */
package org.ontask.dataops.row;
