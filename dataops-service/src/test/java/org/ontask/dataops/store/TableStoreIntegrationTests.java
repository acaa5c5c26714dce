package org.ontask.dataops.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.workflowaccess.WorkflowDataLifecycle;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TableStoreIntegrationTests {

	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 + 7_000_000);

	@Autowired
	private TableStore store;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private WorkflowDataLifecycle lifecycle;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private AmqpAdmin admin;

	@Autowired
	private MessagingNames names;

	private static long newWorkflow() {
		return IDS.incrementAndGet();
	}

	private long students() {
		long workflow = newWorkflow();
		this.store.replace(workflow, List.of(new ColumnSpec("sid", ColumnType.INTEGER, true),
				new ColumnSpec("name", ColumnType.STRING, false), new ColumnSpec("score", ColumnType.DOUBLE, false),
				new ColumnSpec("passed", ColumnType.BOOLEAN, false),
				new ColumnSpec("when", ColumnType.DATETIME, false)), (sink) -> {
					sink.row(new Object[] { 1L, "Ann\ttab", 7.5, true, Instant.parse("2024-01-01T10:00:00Z") });
					sink.row(new Object[] { 2L, "Bob \\ \"q\"", null, false, null });
					sink.row(new Object[] { 3L, null, 3.0, null, null });
				}, "t@example.org");
		return workflow;
	}

	@Test
	void replaceStoresTypedRowsUnderIdBasedNames() {
		long workflow = students();
		List<DataColumn> columns = this.store.columns(workflow);
		assertThat(columns).extracting(DataColumn::name).containsExactly("sid", "name", "score", "passed", "when");
		assertThat(columns.get(0).key()).isTrue();
		RowPage page = this.store.page(workflow, RowQuery.first(10));
		assertThat(page.total()).isEqualTo(3);
		assertThat(page.rows().get(0).values()).containsExactly(1L, "Ann\ttab", 7.5, true,
				Instant.parse("2024-01-01T10:00:00Z"));
		assertThat(page.rows().get(1).values()).containsExactly(2L, "Bob \\ \"q\"", null, false, null);
		Integer physical = this.jdbc.queryForObject(
				"SELECT count(*) FROM information_schema.columns"
						+ " WHERE table_schema = 'dataops_data' AND table_name = ? AND column_name LIKE 'c\\_%'",
				Integer.class, "wf_" + workflow);
		assertThat(physical).isEqualTo(5);
	}

	@Test
	void pagesSortAndSearch() {
		long workflow = students();
		long score = this.store.columns(workflow).get(2).id();
		RowPage sorted = this.store.page(workflow, new RowQuery(0, 2, score, true, null, null));
		assertThat(sorted.rows()).extracting((r) -> r.values().get(0)).containsExactly(1L, 3L);
		RowPage found = this.store.page(workflow, new RowQuery(0, 10, null, false, "BOB", null));
		assertThat(found.total()).isEqualTo(1);
		RowPage percent = this.store.page(workflow, new RowQuery(0, 10, null, false, "%", null));
		assertThat(percent.total()).isZero();
	}

	@Test
	void aSqlLookingNameIsHarmless() {
		long workflow = newWorkflow();
		String name = "x\"; DROP TABLE data_column; --";
		assertThatThrownBy(() -> this.store.replace(workflow, List.of(new ColumnSpec(name, ColumnType.STRING, true)),
				(sink) -> sink.row(new Object[] { "a" }), "t@example.org"))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("quote");
		String unquoted = "x; DROP TABLE data_column; --";
		this.store.replace(workflow, List.of(new ColumnSpec(unquoted, ColumnType.STRING, true)),
				(sink) -> sink.row(new Object[] { "a" }), "t@example.org");
		assertThat(this.store.columns(workflow)).extracting(DataColumn::name).containsExactly(unquoted);
		assertThat(this.store.count(workflow, null)).isEqualTo(1);
	}

	@Test
	void aRepeatedKeyLeavesTheOldTable() {
		long workflow = students();
		assertThatThrownBy(
				() -> this.store.replace(workflow, List.of(new ColumnSpec("k", ColumnType.INTEGER, true)), (sink) -> {
					sink.row(new Object[] { 5L });
					sink.row(new Object[] { 5L });
				}, "t@example.org"))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("'k'")
			.hasMessageContaining("5");
		assertThat(this.store.count(workflow, null)).isEqualTo(3);
		assertThat(this.store.columns(workflow)).hasSize(5);
	}

	@Test
	void mergeUpdatesOnlyWithValuesAndAddsColumnsAndRows() {
		long workflow = students();
		long sid = this.store.columns(workflow).get(0).id();
		MergeSpec spec = new MergeSpec(MergeHow.OUTER, sid, List.of(new ColumnSpec("id", ColumnType.INTEGER, false),
				new ColumnSpec("SCORE", ColumnType.DOUBLE, false), new ColumnSpec("grade", ColumnType.STRING, false)),
				0);
		RowProducer rows = (sink) -> {
			sink.row(new Object[] { 1L, null, "A" });
			sink.row(new Object[] { 2L, 9.0, "B" });
			sink.row(new Object[] { 4L, 1.0, null });
		};
		MergeOutcome preview = this.store.merge(workflow, spec, rows, "t@example.org", true);
		assertThat(preview).isEqualTo(new MergeOutcome(2, 1, 0, List.of("grade"), List.of("score"), 4));
		assertThat(this.store.columns(workflow)).hasSize(5);
		assertThat(this.store.count(workflow, null)).isEqualTo(3);
		MergeOutcome done = this.store.merge(workflow, spec, rows, "t@example.org", false);
		assertThat(done).isEqualTo(preview);
		RowPage page = this.store.page(workflow, RowQuery.first(10));
		assertThat(page.rows()).extracting((r) -> r.values().get(2)).containsExactly(7.5, 9.0, 3.0, 1.0);
		assertThat(page.rows()).extracting((r) -> r.values().get(5)).containsExactly("A", "B", null, null);
	}

	@Test
	void mergesThatBreakAKeyAreRefused() {
		long workflow = students();
		long sid = this.store.columns(workflow).get(0).id();
		MergeSpec spec = new MergeSpec(MergeHow.OUTER, sid,
				List.of(new ColumnSpec("sid", ColumnType.INTEGER, false), new ColumnSpec("x", ColumnType.STRING, true)),
				0);
		assertThatThrownBy(() -> this.store.merge(workflow, spec, (sink) -> {
			sink.row(new Object[] { 1L, "a" });
			sink.row(new Object[] { 1L, "b" });
		}, "t@example.org", false)).isInstanceOf(DataRejectedException.class).hasMessageContaining("more than once");
		assertThatThrownBy(() -> this.store.merge(workflow, spec, (sink) -> sink.row(new Object[] { 1L, "a" }),
				"t@example.org", false))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("'x'");
		assertThat(this.store.columns(workflow)).hasSize(5);
		assertThat(this.store.count(workflow, null)).isEqualTo(3);
	}

	@Test
	void rowsAreTypeChecked() {
		long workflow = students();
		List<DataColumn> columns = this.store.columns(workflow);
		long rowId = this.store.page(workflow, RowQuery.first(1)).rows().get(0).rowId();
		assertThatThrownBy(() -> this.store.updateRow(workflow, rowId, Map.of(columns.get(2).id(), "high")))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("double");
		assertThatThrownBy(() -> this.store.updateRow(workflow, rowId, Map.of(columns.get(0).id(), 2L)))
			.isInstanceOf(DataRejectedException.class)
			.hasMessageContaining("'sid'");
		this.store.updateRow(workflow, rowId, Map.of(columns.get(2).id(), 10.0));
		long added = this.store.insertRow(workflow, Map.of(columns.get(0).id(), 99L));
		assertThat(this.store.count(workflow, new SqlFilter("row_id = ?", List.of(added)))).isEqualTo(1);
		assertThat(this.store.deleteRows(workflow, new SqlFilter("row_id = ?", List.of(added)))).isEqualTo(1);
	}

	@Test
	void columnsAreAddedDroppedAndTablesCopied() {
		long workflow = students();
		DataColumn extra = this.store.addColumn(workflow, new ColumnSpec("extra", ColumnType.INTEGER, false),
				"t@example.org");
		assertThat(extra.position()).isEqualTo(6);
		this.store.dropColumn(workflow, extra.id(), "t@example.org");
		long sid = this.store.columns(workflow).get(0).id();
		assertThatThrownBy(() -> this.store.dropColumn(workflow, sid, "t@example.org"))
			.hasMessageContaining("only key");
		long clone = newWorkflow();
		this.lifecycle.copy(workflow, clone);
		this.lifecycle.copy(workflow, clone);
		assertThat(this.store.page(clone, RowQuery.first(10)).rows()).extracting(Row::values)
			.isEqualTo(this.store.page(workflow, RowQuery.first(10)).rows().stream().map(Row::values).toList());
		this.store.insertRow(clone, Map.of(this.store.columns(clone).get(0).id(), 50L));
		this.lifecycle.delete(clone);
		this.lifecycle.flush(clone);
		assertThat(this.store.exists(clone)).isFalse();
		assertThat(this.store.columns(clone)).isEmpty();
	}

	@Test
	void changesArePublishedOnDataopsEvents() {
		Queue queue = new Queue("dataops-test-events-" + java.util.UUID.randomUUID(), false, false, false);
		this.admin.declareQueue(queue);
		TopicExchange exchange = new TopicExchange(this.names.exchange("dataops.events"));
		this.admin.declareExchange(exchange);
		for (String key : List.of("table.replaced", "table.merged", "column.added", "column.deleted")) {
			Binding binding = BindingBuilder.bind(queue).to(exchange).with(key);
			this.admin.declareBinding(binding);
		}
		try {
			long workflow = students();
			long sid = this.store.columns(workflow).get(0).id();
			this.store.merge(workflow,
					new MergeSpec(MergeHow.OUTER, sid, List.of(new ColumnSpec("sid", ColumnType.INTEGER, false)), 0),
					(sink) -> sink.row(new Object[] { 9L }), "m@example.org", false);
			DataColumn added = this.store.addColumn(workflow, new ColumnSpec("c", ColumnType.STRING, false),
					"a@example.org");
			this.store.dropColumn(workflow, added.id(), "d@example.org");
			List<String> seen = new java.util.ArrayList<>();
			await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
				Message message = this.rabbit.receive(queue.getName(), 500);
				if (message != null) {
					seen.add(message.getMessageProperties().getReceivedRoutingKey() + " "
							+ new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8));
				}
				assertThat(seen)
					.anyMatch((m) -> m.startsWith("table.replaced") && m.contains("\"workflowId\":" + workflow)
							&& m.contains("\"rows\":3") && m.contains("t@example.org"));
				assertThat(seen)
					.anyMatch((m) -> m.startsWith("table.merged") && m.contains("\"workflowId\":" + workflow)
							&& m.contains("\"added\":1") && m.contains("m@example.org"));
				assertThat(seen).anyMatch((m) -> m.startsWith("column.added") && m.contains("\"name\":\"c\""));
				assertThat(seen).anyMatch((m) -> m.startsWith("column.deleted") && m.contains("d@example.org"));
			});
		}
		finally {
			this.admin.deleteQueue(queue.getName());
		}
	}

}
