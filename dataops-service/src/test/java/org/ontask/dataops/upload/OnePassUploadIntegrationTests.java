package org.ontask.dataops.upload;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.MergeOutcome;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.TableStore;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API's one-pass load (types and keys from the first rows, checked against the whole
 * file while it streams into COPY) gives exactly what reading the file twice gives, also
 * when rows after the first ones contradict them, and refuses bad values with the line.
 */
@SpringBootTest
@ActiveProfiles("test")
class OnePassUploadIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 7_000_000);

	@Autowired
	private Uploads uploads;

	@Autowired
	private TableStore store;

	@Autowired
	private JdbcTemplate jdbc;

	private long workflow() {
		long id = IDS.incrementAndGet();
		this.jdbc.update(
				"INSERT INTO known_workflow (id, name, owner_email, created_at) VALUES (?, ?, ?, ?)"
						+ " ON CONFLICT (id) DO NOTHING",
				id, "Course " + id, "t@example.org", Timestamp.from(Instant.now()));
		return id;
	}

	/**
	 * {@code rows} rows of sid, score, flag; {@code late} replaces the line of row 1500.
	 */
	private static ByteArrayInputStream csv(int rows, String late) {
		StringBuilder text = new StringBuilder("sid,score,flag\n");
		for (int r = 1; r <= rows; r++) {
			text.append((r == 1500 && late != null) ? late : r + "," + (r % 10) + ",true").append('\n');
		}
		return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	private List<ColumnType> types(long id) {
		return this.store.columns(id).stream().map(DataColumn::type).toList();
	}

	@Test
	void aFileThatAgreesWithItsFirstRowsIsLoadedWithTheirTypesAndKeys() {
		long id = workflow();
		TableStore.Replaced replaced = this.uploads.replaceCsv(id, csv(3000, null), List.of(), "t@example.org");
		assertThat(replaced.rows()).isEqualTo(3000);
		assertThat(types(id)).containsExactly(ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.BOOLEAN);
		assertThat(this.store.columns(id)).extracting(DataColumn::key).containsExactly(true, false, false);
		assertThat(this.store.page(id, RowQuery.first(1)).rows().get(0).values()).containsExactly(1L, 1L, true);
	}

	@Test
	void aLaterValueOfAnotherTypeWidensTheColumnAsAWholeFileReadingWould() {
		long id = workflow();
		this.uploads.replaceCsv(id, csv(3000, "1500,7.5,maybe"), List.of("sid"), "t@example.org");
		assertThat(types(id)).containsExactly(ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.STRING);
		assertThat(this.store.count(id, null)).isEqualTo(3000);
	}

	@Test
	void aLaterRepeatedKeyValueMeansTheColumnIsNotAKey() {
		long id = workflow();
		// sid repeats at row 1500 and score is never a key: no column can be a key
		assertThatThrownBy(() -> this.uploads.replaceCsv(id, csv(3000, "1,1,true"), List.of(), "t@example.org"))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("No column is a key");
		assertThat(this.store.exists(id)).isFalse();
	}

	@Test
	void aLaterEmptyNamedKeyIsRefusedWithItsLineAndTheTableUnchanged() {
		long id = workflow();
		this.uploads.replaceCsv(id, csv(10, null), List.of("sid"), "t@example.org");
		assertThatThrownBy(() -> this.uploads.replaceCsv(id, csv(3000, ",1,true"), List.of("sid"), "t@example.org"))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("Line 1501")
			.hasMessageContaining("'sid' is empty");
		assertThat(this.store.count(id, null)).isEqualTo(10);
	}

	@Test
	void aMergeWhoseLaterRowsContradictANewColumnsTypeStillMerges() {
		long id = workflow();
		this.uploads.replaceCsv(id, csv(3000, null), List.of("sid"), "t@example.org");
		StringBuilder update = new StringBuilder("sid,extra\n");
		for (int r = 1; r <= 2000; r++) {
			update.append(r).append(',').append((r == 1800) ? "n/a" : Integer.toString(r)).append('\n');
		}
		MergeOutcome outcome = this.uploads.mergeCsv(id,
				new ByteArrayInputStream(update.toString().getBytes(StandardCharsets.UTF_8)), "sid", "sid", "left",
				"t@example.org");
		assertThat(outcome.matched()).isEqualTo(2000);
		assertThat(outcome.columnsAdded()).containsExactly("extra");
		assertThat(types(id)).containsExactly(ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.BOOLEAN,
				ColumnType.STRING);
	}

	@Test
	void aMergeValueThatDoesNotFitAnExistingColumnIsRefusedWithItsLine() {
		long id = workflow();
		this.uploads.replaceCsv(id, csv(3000, null), List.of("sid"), "t@example.org");
		StringBuilder update = new StringBuilder("sid,score\n");
		for (int r = 1; r <= 2000; r++) {
			update.append(r).append(',').append((r == 1800) ? "lots" : "5").append('\n');
		}
		assertThatThrownBy(() -> this.uploads.mergeCsv(id,
				new ByteArrayInputStream(update.toString().getBytes(StandardCharsets.UTF_8)), "sid", "sid", "outer",
				"t@example.org"))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("Line 1801, column 'score'");
		assertThat(this.store.page(id, RowQuery.first(1)).rows().get(0).values()).containsExactly(1L, 1L, true);
	}

}
