package org.ontask.dataops.store;

import java.util.List;

/**
 * A page of rows with the columns they were read with.
 *
 * @param columns the columns, in display position order
 * @param rows the rows of the page
 * @param total the number of rows matching the search and filter (all pages)
 */
public record RowPage(List<DataColumn> columns, List<Row> rows, long total) {

}
