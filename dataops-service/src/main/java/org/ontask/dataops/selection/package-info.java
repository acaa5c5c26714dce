/**
 * Conditions and filters evaluated in SQL: the formula module's JSON rendered over a
 * table's physical columns ({@link org.ontask.dataops.selection.FormulaFilters}), and the
 * internal API action-service uses to select rows with named conditions computed in the
 * same query.
 */
package org.ontask.dataops.selection;
