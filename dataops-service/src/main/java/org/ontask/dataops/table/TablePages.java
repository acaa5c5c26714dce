package org.ontask.dataops.table;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.ontask.dataops.row.RowText;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.Row;
import org.ontask.dataops.store.RowPage;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.dataops.store.TableStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Fills the model of a paged table (the whole table or a view): one page of rows read
 * with the store's {@code page()} (only the page leaves the database), sorted by one
 * column and searched in SQL ({@link TableSearch}).
 */
@Component
public class TablePages {

	/** The page sizes offered. */
	public static final List<Integer> SIZES = List.of(10, 25, 50, 100, 500);

	private final TableStore store;

	private final ZoneId zone;

	TablePages(TableStore store, @Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * Reads one page into the model as {@code columns}, {@code rows} (text cells),
	 * {@code total} and the paging state.
	 * @param model the model
	 * @param workflowId the workflow
	 * @param shown the ids of the columns to show, or {@code null} for all
	 * @param filter a view's filter or {@code null}
	 * @param paging what the user asked for
	 */
	public void fill(Model model, long workflowId, List<Long> shown, SqlFilter filter, Paging paging) {
		SqlFilter where = filter;
		if (paging.search() != null) {
			List<DataColumn> searched = this.store.columns(workflowId);
			if (shown != null) {
				searched = searched.stream().filter((c) -> shown.contains(c.id())).toList();
			}
			where = TableSearch.and(filter, TableSearch.of(searched, paging.search()));
		}
		RowPage page;
		try {
			page = this.store.page(workflowId, new RowQuery((long) paging.page() * paging.size(), paging.size(),
					paging.sort(), paging.descending(), null, where));
		}
		catch (DataRejectedException ex) {
			// a stale sort column (deleted meanwhile): read the page unsorted
			page = this.store.page(workflowId,
					new RowQuery((long) paging.page() * paging.size(), paging.size(), null, false, null, where));
		}
		List<Integer> indexes = new ArrayList<>();
		List<DataColumn> columns = new ArrayList<>();
		List<DataColumn> all = page.columns();
		if (shown == null) {
			for (int i = 0; i < all.size(); i++) {
				indexes.add(i);
				columns.add(all.get(i));
			}
		}
		else {
			for (Long id : shown) {
				for (int i = 0; i < all.size(); i++) {
					if (all.get(i).id() == id) {
						indexes.add(i);
						columns.add(all.get(i));
					}
				}
			}
		}
		List<TableRow> rows = new ArrayList<>();
		for (Row row : page.rows()) {
			List<String> cells = new ArrayList<>();
			for (int index : indexes) {
				cells.add(RowText.of(row.values().get(index), this.zone));
			}
			rows.add(new TableRow(row.rowId(), cells));
		}
		long pages = Math.max(1, (page.total() + paging.size() - 1) / paging.size());
		model.addAttribute("columns", columns);
		model.addAttribute("rows", rows);
		model.addAttribute("total", page.total());
		model.addAttribute("paging", paging);
		model.addAttribute("pages", pages);
		model.addAttribute("sizes", SIZES);
	}

	/**
	 * What a table page shows.
	 *
	 * @param page 0-based page number
	 * @param size rows per page
	 * @param sort column id to sort by, or {@code null}
	 * @param descending sort order
	 * @param search text some cell must contain, or {@code null}
	 */
	public record Paging(int page, int size, Long sort, boolean descending, String search) {

		/**
		 * Normalises what came from the query string.
		 * @param page 0-based page
		 * @param size rows per page
		 * @param sort sort column id or {@code null}
		 * @param dir {@code desc} for descending
		 * @param search search text or {@code null}
		 * @return the paging, sizes clamped to the offered range
		 */
		public static Paging of(Integer page, Integer size, Long sort, String dir, String search) {
			int rows = (size != null) ? Math.max(1, Math.min(500, size)) : 25;
			int number = (page != null) ? Math.max(0, Math.min(page, 1_000_000_000 / rows)) : 0;
			String text = (search != null && !search.isBlank()) ? search.strip() : null;
			return new Paging(number, rows, sort, "desc".equalsIgnoreCase(dir), text);
		}

		/**
		 * The first row number shown (1-based).
		 * @return the number
		 */
		public long first() {
			return (long) this.page * this.size + 1;
		}

	}

	/**
	 * A row as text cells.
	 *
	 * @param rowId the row id (for the row's links)
	 * @param cells the cells of the shown columns
	 */
	public record TableRow(long rowId, List<String> cells) {

	}

}
