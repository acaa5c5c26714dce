/**
 * The outbound adapter to dataops-service's internal API: the columns of a workflow's
 * table and selections of its learners (filter, conditions' counts and truth values),
 * computed in SQL by dataops with the formula module.
 */
package org.ontask.action.dataops;
