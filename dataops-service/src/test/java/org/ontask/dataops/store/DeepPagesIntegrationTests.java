package org.ontask.dataops.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sorted pages (the page's row ids first, then the rows) are the same rows in the same
 * order as a plain sort, deep pages included, and sorting a large table builds its sort
 * indexes in the background.
 */
@SpringBootTest(properties = "ontask.table.sort-index-min-rows=1000")
@ActiveProfiles("test")
class DeepPagesIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 6_000_000);

	private static final int ROWS = 3000;

	@Autowired
	private TableStore store;

	@Autowired
	private JdbcTemplate jdbc;

	/** sid 1..3000, score = (sid * 7) % 100 with every 10th empty. */
	private long table() {
		long workflow = IDS.incrementAndGet();
		this.store.replace(workflow, List.of(new ColumnSpec("sid", ColumnType.INTEGER, true),
				new ColumnSpec("score", ColumnType.DOUBLE, false)), (sink) -> {
					for (long sid = 1; sid <= ROWS; sid++) {
						sink.row(new Object[] { sid, (sid % 10 == 0) ? null : (double) ((sid * 7) % 100) });
					}
				}, "t@example.org");
		return workflow;
	}

	private static List<Long> expected(boolean descending) {
		List<long[]> rows = new ArrayList<>();
		for (long sid = 1; sid <= ROWS; sid++) {
			rows.add(new long[] { sid, (sid % 10 == 0) ? Long.MIN_VALUE : (sid * 7) % 100 });
		}
		Comparator<long[]> byScore = Comparator.comparingLong((long[] r) -> r[1]);
		Comparator<long[]> nullsLast = Comparator.comparing((long[] r) -> r[1] == Long.MIN_VALUE)
			.thenComparing(descending ? byScore.reversed() : byScore)
			.thenComparingLong((long[] r) -> r[0]);
		return rows.stream().sorted(nullsLast).map((r) -> r[0]).toList();
	}

	private List<Long> sids(long workflow, long offset, int limit, Long sort, boolean descending) {
		return this.store.page(workflow, new RowQuery(offset, limit, sort, descending, null, null))
			.rows()
			.stream()
			.map((r) -> (Long) r.values().get(0))
			.toList();
	}

	@Test
	void sortedPagesDeepOrNotAreThoseOfAPlainSort() {
		long workflow = table();
		long score = this.store.columns(workflow).get(1).id();
		for (boolean descending : new boolean[] { false, true }) {
			List<Long> all = expected(descending);
			assertThat(sids(workflow, 0, 25, score, descending)).isEqualTo(all.subList(0, 25));
			assertThat(sids(workflow, 2690, 25, score, descending)).isEqualTo(all.subList(2690, 2715));
			assertThat(sids(workflow, 2990, 25, score, descending)).isEqualTo(all.subList(2990, 3000));
		}
		assertThat(sids(workflow, 1500, 3, null, false)).containsExactly(1501L, 1502L, 1503L);
		// the sort indexes appear in the background, and the pages stay the same with
		// them
		String prefix = PhysicalNames.tableName(workflow) + "_c_" + score;
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(this.jdbc.queryForObject(
					"SELECT count(*)::int FROM pg_indexes WHERE schemaname = ? AND indexname IN (?, ?)", Integer.class,
					PhysicalNames.DATA_SCHEMA, prefix + "_sa", prefix + "_sd"))
				.isEqualTo(2));
		assertThat(sids(workflow, 2690, 25, score, true)).isEqualTo(expected(true).subList(2690, 2715));
	}

}
