/**
 * Column operations beyond what the store offers: rename, describe, reorder, change type
 * when every value converts, allowed values, key flag, clone, derived and random columns,
 * each one transaction under the table's lock, in SQL over id-based names. Publishes
 * {@code column.renamed} and {@code column.type-changed}.
 */
package org.ontask.dataops.column;
