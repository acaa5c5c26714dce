package org.ontask.dataops.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Indexes for the table page's sorted pages, made when a large table is first sorted by a
 * column: {@code (c_<id> ASC NULLS LAST, row_id)} and
 * {@code (c_<id> DESC NULLS LAST, row_id)}, built with {@code CREATE INDEX CONCURRENTLY}
 * on a connection of their own in the background (writes are not blocked, the request
 * that asked is not delayed), followed by {@code VACUUM (ANALYZE)} so the page's inner
 * query ({@link TableStore#page}) is an index-only scan. A sorted page at offset 900,000
 * of a million rows then reads 900,025 index entries instead of sorting the table. The
 * indexes go with the table (replace, delete) or the column (drop).
 */
@Component
class SortIndexes {

	private static final Logger log = LoggerFactory.getLogger(SortIndexes.class);

	private final DataSource dataSource;

	private final long minRows;

	private final Set<String> requested = ConcurrentHashMap.newKeySet();

	private final ExecutorService builder = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "dataops-sort-indexes");
		thread.setDaemon(true);
		return thread;
	});

	SortIndexes(DataSource dataSource, @Value("${ontask.table.sort-index-min-rows:20000}") long minRows) {
		this.dataSource = dataSource;
		this.minRows = minRows;
	}

	/**
	 * Asks for the sort indexes of a column when the table is large enough; returns at
	 * once.
	 * @param workflowId the workflow
	 * @param column the sorted column
	 * @param rows the table's row count
	 */
	void request(long workflowId, DataColumn column, long rows) {
		if (rows < this.minRows) {
			return;
		}
		String table = PhysicalNames.table(workflowId);
		String name = PhysicalNames.tableName(workflowId) + "_" + column.sqlName();
		if (!this.requested.add(name)) {
			return;
		}
		this.builder.execute(() -> build(table, name, column.sqlName()));
	}

	private void build(String table, String name, String sqlName) {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			// identifiers from numeric ids only (PhysicalNames)
			statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + "_sa ON " + table + " (" + sqlName
					+ " ASC NULLS LAST, row_id)");
			statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + "_sd ON " + table + " (" + sqlName
					+ " DESC NULLS LAST, row_id)");
			statement.execute("VACUUM (ANALYZE) " + table);
		}
		catch (SQLException ex) {
			// the table was replaced or deleted meanwhile: a later sort asks again
			log.debug("Sort indexes {} not built: {}", name, ex.getMessage());
		}
		finally {
			this.requested.remove(name);
		}
	}

}
