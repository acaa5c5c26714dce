/**
 * Statistics of a table's or a view's columns, computed in SQL (count, quartiles with
 * {@code percentile_cont}, mean, standard deviation; value counts and mode), shown with
 * charts drawn in the page by {@code static/js/stats-charts.js}, with one learner's value
 * marked when asked.
 */
package org.ontask.dataops.stats;
