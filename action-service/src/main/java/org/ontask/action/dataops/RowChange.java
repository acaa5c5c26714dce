package org.ontask.action.dataops;

import java.util.Map;

/**
 * New values of some cells of one row.
 *
 * @param values value by column name (null empties the cell)
 */
public record RowChange(Map<String, Object> values) {

}
