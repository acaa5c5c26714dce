package org.ontask.dataops.store;

/**
 * Which rows of a table to read, one page at a time.
 *
 * @param offset rows to skip (0 for the first page)
 * @param limit most rows to return (1 to 10,000)
 * @param orderBy the column id to sort by, or {@code null} for row id order (upload
 * order); ties are always broken by row id, so pages are stable
 * @param descending whether to sort in descending order (nulls last either way)
 * @param search text that some cell of the row must contain, ignoring case (cells of
 * every type compared as text), or {@code null}/blank for no search
 * @param filter an extra condition (e.g. a view's filter), or {@code null}
 */
public record RowQuery(long offset, int limit, Long orderBy, boolean descending, String search, SqlFilter filter) {

	/**
	 * The first rows in upload order.
	 * @param limit how many
	 * @return the query
	 */
	public static RowQuery first(int limit) {
		return new RowQuery(0, limit, null, false, null, null);
	}

}
