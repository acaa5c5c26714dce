/**
 * The outbound adapter to dataops-service's internal API:
 * {@link org.ontask.action.dataops.DataopsClient} for a workflow's table (its columns,
 * selections of its learners computed in SQL by dataops with the formula module, and the
 * writes action-service makes: survey answers, new columns, read counters) and
 * {@link org.ontask.action.dataops.DataopsViews} for its views.
 */
package org.ontask.action.dataops;
