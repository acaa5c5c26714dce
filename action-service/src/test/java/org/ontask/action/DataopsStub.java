package org.ontask.action;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.ontask.formula.ColumnResolver;
import org.ontask.formula.ColumnType;
import org.ontask.formula.Formula;
import org.ontask.formula.FormulaException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for dataops-service's internal API over real HTTP, as agreed in the
 * contract: tables held in memory, filters and conditions evaluated with the formula
 * module's evaluator (the semantics dataops' SQL has). It records the acting user of each
 * call, and can be told to fail like a service that is down.
 */
final class DataopsStub {

	private static final Pattern PATH = Pattern.compile("/internal/workflows/(\\d+)/(columns|selection|rows/(\\d+))");

	/** Contract C3: adding columns and incrementing counters. */
	private static final Pattern WRITE_PATH = Pattern.compile("/internal/workflows/(\\d+)/(columns|cells/increment)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The views part of the internal API. */
	private static final Pattern VIEW_PATH = Pattern.compile("/internal/workflows/(\\d+)/views(?:/(\\d+))?");

	/** Views per workflow, as dataops answers them: {@code {id, name, ..., filter}}. */
	final Map<Long, List<Map<String, Object>>> views = new ConcurrentHashMap<>();

	/** Every increment answered, as {@code column:keyValue}. */
	final List<String> increments = java.util.Collections.synchronizedList(new ArrayList<>());

	private final HttpServer server;

	private final Map<Long, Table> tables = new ConcurrentHashMap<>();

	volatile boolean down;

	volatile String lastActingUser;

	/** Every row update received: workflow, row id, values, acting user. */
	final List<Patch> patches = new java.util.concurrent.CopyOnWriteArrayList<>();

	record Patch(long workflowId, long rowId, Map<String, Object> values, String actingUser) {
	}

	record Column(String name, String type, boolean key, List<Object> categories, String description) {

		Column(String name, String type, boolean key, List<Object> categories) {
			this(name, type, key, categories, "");
		}

	}

	record Table(List<Column> columns, List<Map<String, Object>> rows) {
	}

	DataopsStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/internal/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Column> columns(long workflowId) {
		return this.tables.get(workflowId).columns();
	}

	void put(long workflowId, Table table) {
		this.tables.put(workflowId, table);
	}

	Table table(long workflowId) {
		return this.tables.get(workflowId);
	}

	/**
	 * Gives a workflow a view, as dataops lists it.
	 * @param workflowId the workflow
	 * @param viewId the view's id
	 * @param name its name
	 * @param columns its columns in order
	 * @param filter its filter formula (JSON), null for every row
	 */
	void putView(long workflowId, long viewId, String name, List<String> columns, String filter) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", viewId);
		view.put("name", name);
		view.put("description", "");
		view.put("columns", columns);
		view.put("filter", (filter != null) ? JSON.readTree(filter) : null);
		view.put("filterText", (filter != null) ? filter : "");
		this.views.computeIfAbsent(workflowId, (id) -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(view);
	}

	/**
	 * Deletes a view, as dataops does (no event is published).
	 * @param workflowId the workflow
	 * @param viewId the view
	 */
	void deleteView(long workflowId, long viewId) {
		this.views.getOrDefault(workflowId, new ArrayList<>())
			.removeIf((view) -> String.valueOf(view.get("id")).equals(String.valueOf(viewId)));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (this.down) {
				send(exchange, 500, Map.of("detail", "down"));
				return;
			}
			this.lastActingUser = exchange.getRequestHeaders().getFirst("X-OnTask-Acting-User");
			if (exchange.getRequestHeaders().getFirst("X-OnTask-Signature") == null) {
				send(exchange, 403, Map.of("detail", "unsigned"));
				return;
			}
			Matcher write = WRITE_PATH.matcher(exchange.getRequestURI().getPath());
			if (exchange.getRequestMethod().equals("POST") && write.matches()) {
				write(exchange, Long.parseLong(write.group(1)), write.group(2));
				return;
			}
			Matcher view = VIEW_PATH.matcher(exchange.getRequestURI().getPath());
			if (view.matches()) {
				List<Map<String, Object>> all = this.views.getOrDefault(Long.parseLong(view.group(1)), List.of());
				if (view.group(2) == null) {
					send(exchange, 200, all);
					return;
				}
				Map<String, Object> one = all.stream()
					.filter((v) -> String.valueOf(v.get("id")).equals(view.group(2)))
					.findFirst()
					.orElse(null);
				send(exchange, (one != null) ? 200 : 404, (one != null) ? one : Map.of("detail", "no such view"));
				return;
			}
			Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
			if (!matcher.matches()) {
				send(exchange, 404, Map.of("detail", "no such path"));
				return;
			}
			long workflowId = Long.parseLong(matcher.group(1));
			Table table = this.tables.get(workflowId);
			if (table == null) {
				send(exchange, 404, Map.of("detail", "no table"));
				return;
			}
			if (matcher.group(2).equals("columns") && exchange.getRequestMethod().equals("POST")) {
				addColumns(exchange, workflowId, table);
				return;
			}
			if (matcher.group(2).equals("columns")) {
				send(exchange, 200, table.columns());
				return;
			}
			if (matcher.group(3) != null) {
				update(exchange, workflowId, table, Long.parseLong(matcher.group(3)));
				return;
			}
			JsonNode body = JSON.readTree(exchange.getRequestBody());
			send(exchange, 200, select(table, body));
		}
		catch (FormulaException ex) {
			send(exchange, 400, Map.of("detail", ex.getMessage()));
		}
	}

	/** Contract C3: all or nothing, same name and type reused, another type refused. */
	private void addColumns(HttpExchange exchange, long workflowId, Table table) throws IOException {
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		List<Column> columns = new ArrayList<>(table.columns());
		for (JsonNode wanted : body.path("columns")) {
			String name = wanted.path("name").asString();
			String type = wanted.path("type").asString();
			Column existing = columns.stream().filter((c) -> c.name().equals(name)).findFirst().orElse(null);
			if (existing != null && !existing.type().equals(type)) {
				send(exchange, 409, Map.of("detail",
						"Column \"" + name + "\" exists with type " + existing.type() + ", not " + type + "."));
				return;
			}
			if (existing == null) {
				List<Object> categories = new ArrayList<>();
				wanted.path("categories").forEach((c) -> categories.add(c.isNumber() ? c.numberValue() : c.asString()));
				columns.add(new Column(name, type, false, categories, wanted.path("description").asString("")));
			}
		}
		this.tables.put(workflowId, new Table(columns, table.rows()));
		send(exchange, 201, columns);
	}

	/**
	 * One row's cells, type-checked as dataops does (text parsed by the column's type).
	 */
	private void update(HttpExchange exchange, long workflowId, Table table, long rowId) throws IOException {
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		Map<String, Object> row = table.rows()
			.stream()
			.filter((r) -> ((Number) r.get("__id")).longValue() == rowId)
			.findFirst()
			.orElse(null);
		if (row == null) {
			send(exchange, 404, Map.of("detail", "There is no row " + rowId + "."));
			return;
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : body.path("values").properties()) {
			Column column = table.columns()
				.stream()
				.filter((c) -> c.name().equals(entry.getKey()))
				.findFirst()
				.orElse(null);
			if (column == null) {
				send(exchange, 400, Map.of("detail", "The table has no column \"" + entry.getKey() + "\"."));
				return;
			}
			Object value;
			try {
				value = parse(column, entry.getValue());
			}
			catch (IllegalArgumentException ex) {
				send(exchange, 400, Map.of("detail", "The column '" + column.name() + "' holds " + column.type()
						+ " values, not " + entry.getValue() + "."));
				return;
			}
			if (value != null && !column.categories().isEmpty()
					&& column.categories().stream().noneMatch((c) -> c.toString().equals(String.valueOf(value)))) {
				send(exchange, 400,
						Map.of("detail", "The column '" + column.name() + "' takes only " + column.categories() + "."));
				return;
			}
			values.put(column.name(), value);
		}
		row.putAll(values);
		this.patches.add(new Patch(workflowId, rowId, values, this.lastActingUser));
		send(exchange, 204, null);
	}

	private static Object parse(Column column, JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		String text = node.asString();
		return switch (column.type()) {
			case "integer" -> Long.parseLong(text);
			case "double" -> Double.parseDouble(text);
			case "boolean" -> switch (text) {
				case "true" -> true;
				case "false" -> false;
				default -> throw new IllegalArgumentException(text);
			};
			default -> text;
		};
	}

	/** C3 as dataops answers it: all or nothing, same JSON shapes. */
	private void write(HttpExchange exchange, long workflowId, String what) throws IOException {
		Table table = this.tables.get(workflowId);
		if (table == null) {
			send(exchange, 404, Map.of("detail", "The workflow has no table."));
			return;
		}
		if (what.equals("columns")) {
			addColumns(exchange, workflowId, table);
			return;
		}
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		String column = body.path("column").asString();
		String keyColumn = body.path("keyColumn").asString();
		String keyValue = body.path("keyValue").asString();
		if (table.columns().stream().noneMatch((c) -> c.name().equals(column) && c.type().equals("integer"))) {
			send(exchange, 400, Map.of("detail", "\"" + column + "\" is not an integer column."));
			return;
		}
		int updated = 0;
		for (Map<String, Object> row : table.rows()) {
			if (keyValue.equals(String.valueOf(row.get(keyColumn)))) {
				Object old = row.get(column);
				row.put(column, ((old instanceof Number number) ? number.longValue() : 0L) + 1);
				updated++;
			}
		}
		this.increments.add(column + ":" + keyValue);
		send(exchange, 200, Map.of("updated", updated));
	}

	private static Map<String, Object> select(Table table, JsonNode body) {
		Map<String, ColumnType> types = new HashMap<>();
		for (Column column : table.columns()) {
			types.put(column.name(), ColumnType.fromJsonName(column.type()).orElseThrow());
		}
		ColumnResolver resolver = ColumnResolver.ofTypes(types);
		Formula filter = Formula.parse(text(body.get("filter")), resolver);
		Map<String, Formula> conditions = new LinkedHashMap<>();
		JsonNode given = body.get("conditions");
		if (given != null && given.isObject()) {
			for (Map.Entry<String, JsonNode> entry : given.properties()) {
				conditions.put(entry.getKey(), Formula.parse(text(entry.getValue()), resolver));
			}
		}
		List<Map<String, Object>> selected = table.rows().stream().filter(filter::evaluate).toList();
		Map<String, Long> counts = new LinkedHashMap<>();
		conditions.forEach((name, formula) -> counts.put(name, selected.stream().filter(formula::evaluate).count()));
		int offset = body.path("offset").asInt(0);
		int limit = body.path("limit").asInt(100);
		JsonNode wanted = body.get("columns");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = offset; i < Math.min(selected.size(), offset + limit); i++) {
			Map<String, Object> row = selected.get(i);
			Map<String, Object> values = new LinkedHashMap<>();
			for (Column column : table.columns()) {
				boolean include = wanted == null || wanted.isNull();
				if (!include) {
					for (JsonNode name : wanted) {
						include |= name.asString().equals(column.name());
					}
				}
				if (include) {
					values.put(column.name(), row.get(column.name()));
				}
			}
			Map<String, Boolean> truth = new LinkedHashMap<>();
			conditions.forEach((name, formula) -> truth.put(name, formula.evaluate(row)));
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("rowId", row.get("__id"));
			out.put("values", values);
			out.put("conditions", truth);
			rows.add(out);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("total", selected.size());
		answer.put("counts", counts);
		answer.put("rows", rows);
		return answer;
	}

	private static String text(JsonNode formula) {
		return (formula == null || formula.isNull()) ? null : JSON.writeValueAsString(formula);
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		if (status == 204) {
			exchange.sendResponseHeaders(204, -1);
			return;
		}
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (status >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
