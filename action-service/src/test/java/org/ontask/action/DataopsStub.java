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

	private static final Pattern PATH = Pattern.compile("/internal/workflows/(\\d+)/(columns|selection)");

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

	record Column(String name, String type, boolean key, List<Object> categories) {
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

	void put(long workflowId, Table table) {
		this.tables.put(workflowId, table);
	}

	Table table(long workflowId) {
		return this.tables.get(workflowId);
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
			Table table = this.tables.get(Long.parseLong(matcher.group(1)));
			if (table == null) {
				send(exchange, 404, Map.of("detail", "no table"));
				return;
			}
			if (matcher.group(2).equals("columns")) {
				send(exchange, 200, table.columns());
				return;
			}
			JsonNode body = JSON.readTree(exchange.getRequestBody());
			send(exchange, 200, select(table, body));
		}
		catch (FormulaException ex) {
			send(exchange, 400, Map.of("detail", ex.getMessage()));
		}
	}

	/** C3 as dataops answers it: all or nothing, same JSON shapes. */
	private void write(HttpExchange exchange, long workflowId, String what) throws IOException {
		Table table = this.tables.get(workflowId);
		if (table == null) {
			send(exchange, 404, Map.of("detail", "The workflow has no table."));
			return;
		}
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		if (what.equals("columns")) {
			List<Column> columns = new ArrayList<>(table.columns());
			for (JsonNode wanted : body.path("columns")) {
				String name = wanted.path("name").asString();
				String type = wanted.path("type").asString();
				Column existing = columns.stream().filter((c) -> c.name().equals(name)).findFirst().orElse(null);
				if (existing != null && !existing.type().equals(type)) {
					send(exchange, 409, Map.of("detail",
							"The column \"" + name + "\" exists with type " + existing.type() + ", not " + type + "."));
					return;
				}
				if (existing == null) {
					columns.add(new Column(name, type, false, List.of()));
				}
			}
			this.tables.put(workflowId, new Table(columns, table.rows()));
			send(exchange, 201, columns);
			return;
		}
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
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (status >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
