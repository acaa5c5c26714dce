package org.ontask.formula;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ontask.formula.FormulaParsingTests.group;
import static org.ontask.formula.FormulaParsingTests.rule;

/**
 * The SQL selection of a formula equals the in-memory evaluator's selection on a real
 * PostgreSQL table with NULLs, empty strings and edge values, for every operator on every
 * type, for the original's exported formulas and for random nested formulas with
 * negation. The negated SQL must select exactly the other rows, which shows the SQL is
 * never NULL.
 */
class FormulaSqlIntegrationTests {

	private static final int ROWS = 400;

	/** User name → type of the typed table; physical names are c_1, c_2, … */
	private static final Map<String, ColumnType> TYPED = new LinkedHashMap<>();

	static {
		TYPED.put("midterm", ColumnType.DOUBLE);
		TYPED.put("days", ColumnType.INTEGER);
		TYPED.put("program", ColumnType.STRING);
		TYPED.put("took_mt", ColumnType.BOOLEAN);
		TYPED.put("due", ColumnType.DATETIME);
		TYPED.put("x\"; DROP TABLE typed; --", ColumnType.STRING);
	}

	private static final Map<ColumnType, List<String>> CONSTANTS = Map.of(ColumnType.INTEGER,
			List.of("-1", "0", "1", "5", "7", "25", "50", "75"), ColumnType.DOUBLE,
			List.of("0", "0.5", "1", "25", "49.5", "50", "75", "100"), ColumnType.STRING,
			List.of("FASS", "fass", "F", "SS", "", "Concept 1", "t", "50%", "a_b", "!", "true",
					"'; DROP TABLE typed; --"),
			ColumnType.BOOLEAN, List.of("true", "false", "1", "0"), ColumnType.DATETIME,
			List.of("2024-03-01 10:00:00", "2024-03-01T10:00:00+10:00", "2024-02-28", "2024-03-05 23:59:59Z"));

	private static Connection connection;

	private static Map<Long, Map<String, Object>> typedRows;

	private static Map<Long, Map<String, Object>> exportRows;

	private static Map<String, ResolvedColumn> exportColumns;

	@BeforeAll
	static void createTables() throws SQLException, IOException {
		TestInfrastructure.Postgres postgres = TestInfrastructure.get().postgres();
		connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
		Random random = new Random(20261124L);
		typedRows = createTable("typed", physical(TYPED), random);

		Map<String, ColumnType> exportTypes = new LinkedHashMap<>();
		Map<String, ResolvedColumn> resolved = new HashMap<>();
		for (JsonNode fixture : fixtures()) {
			FormulaParsingTests.declaredColumns(fixture.get("formula"), resolved, new int[] { resolved.size() });
		}
		exportColumns = new LinkedHashMap<>();
		int index = 0;
		for (Map.Entry<String, ResolvedColumn> column : new TreeSet<>(resolved.keySet()).stream()
			.map((name) -> Map.entry(name, resolved.get(name)))
			.toList()) {
			exportTypes.put(column.getKey(), column.getValue().type());
			exportColumns.put(column.getKey(), new ResolvedColumn("e_" + (++index), column.getValue().type()));
		}
		exportRows = createTable("exported", exportColumns, random);
	}

	@AfterAll
	static void close() throws SQLException {
		if (connection != null) {
			connection.close();
		}
	}

	private static Map<String, ResolvedColumn> physical(Map<String, ColumnType> types) {
		Map<String, ResolvedColumn> columns = new LinkedHashMap<>();
		int index = 0;
		for (Map.Entry<String, ColumnType> entry : types.entrySet()) {
			columns.put(entry.getKey(), new ResolvedColumn("\"c_" + (++index) + "\"", entry.getValue()));
		}
		return columns;
	}

	/**
	 * A table with the given columns and random cells drawn mostly from values near the
	 * formulas' constants, a fifth of them NULL; the rows as read back over JDBC.
	 */
	private static Map<Long, Map<String, Object>> createTable(String table, Map<String, ResolvedColumn> columns,
			Random random) throws SQLException {
		StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (id bigint PRIMARY KEY");
		StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES (?");
		for (ResolvedColumn column : columns.values()) {
			ddl.append(", ").append(column.sqlIdentifier()).append(' ').append(sqlType(column.type()));
			insert.append(", ?");
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(ddl.append(")").toString());
		}
		try (PreparedStatement statement = connection.prepareStatement(insert.append(")").toString())) {
			for (long id = 1; id <= ROWS; id++) {
				statement.setLong(1, id);
				int parameter = 2;
				for (ResolvedColumn column : columns.values()) {
					statement.setObject(parameter++, randomCell(column.type(), random));
				}
				statement.addBatch();
			}
			statement.executeBatch();
		}
		Map<Long, Map<String, Object>> rows = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
			while (result.next()) {
				Map<String, Object> row = new HashMap<>();
				int index = 2;
				for (String name : columns.keySet()) {
					row.put(name, result.getObject(index++));
				}
				rows.put(result.getLong(1), row);
			}
		}
		return rows;
	}

	private static String sqlType(ColumnType type) {
		switch (type) {
			case INTEGER:
				return "bigint";
			case DOUBLE:
				return "double precision";
			case BOOLEAN:
				return "boolean";
			case DATETIME:
				return "timestamp with time zone";
			default:
				return "text";
		}
	}

	private static Object randomCell(ColumnType type, Random random) {
		if (random.nextInt(5) == 0) {
			return null;
		}
		switch (type) {
			case INTEGER:
				return (long) pick(random, -1, 0, 1, 2, 5, 6, 7, 8, 25, 26, 50, 75, 100);
			case DOUBLE:
				return pick(random, 0.0, -0.0, 0.5, 1.0, 24.9, 25.0, 49.5, 50.0, 50.01, 75.0, 99.5, 100.0);
			case BOOLEAN:
				return random.nextBoolean();
			case DATETIME:
				return OffsetDateTime.parse(pick(random, "2024-03-01T10:00:00Z", "2024-03-01T09:59:59.999999Z",
						"2024-03-01T00:00:00Z", "2024-02-28T00:00:00Z", "2024-02-27T23:59:59Z", "2024-03-05T23:59:59Z",
						"2024-03-01T00:00:00+10:00", "2030-01-01T00:00:00Z"));
			default:
				return pick(random, "", "FASS", "fass", "FEIT", "SFASS", "Concept 1", "Concept 2", "Concept 4",
						"tom@x.org", "t", "50% off", "500 off", "a_b", "axb", "hey!", "true", "false",
						"'; DROP TABLE typed; --");
		}
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... values) {
		return values[random.nextInt(values.length)];
	}

	@Test
	void everyOperatorOnEveryTypeSelectsTheSameRowsInSqlAndInJava() throws SQLException {
		ColumnResolver columns = ColumnResolver.of(physical(TYPED));
		int formulas = 0;
		for (Map.Entry<String, ColumnType> column : TYPED.entrySet()) {
			String name = column.getKey().replace("\"", "\\\"");
			List<String> constants = CONSTANTS.get(column.getValue());
			for (Operator operator : Operator.allowedFor(column.getValue())) {
				List<String> values = new ArrayList<>();
				if (operator.valueCount() == 0) {
					values.add("null");
				}
				else if (operator.valueCount() == 1) {
					constants.forEach((constant) -> values.add(json(constant)));
				}
				else {
					for (int i = 0; i + 1 < constants.size(); i++) {
						values.add("[" + json(constants.get(i)) + "," + json(constants.get(i + 1)) + "]");
					}
					values.add("[" + json(constants.get(constants.size() - 1)) + "," + json(constants.get(0)) + "]");
				}
				for (String value : values) {
					String formula = group("AND", false, rule(name, operator.jsonName(), value));
					if (column.getValue() == ColumnType.STRING || value.equals("null") || parses(formula, columns)) {
						assertAgreement("typed", formula, columns, typedRows);
						formulas++;
					}
				}
			}
		}
		assertThat(formulas).isGreaterThan(200);
	}

	@Test
	void theOriginalsExportedFormulasSelectTheSameRowsInSqlAndInJava() throws SQLException, IOException {
		ColumnResolver columns = ColumnResolver.of(exportColumns);
		int count = 0;
		for (JsonNode fixture : fixtures()) {
			assertAgreement("exported", fixture.get("formula").toString(), columns, exportRows);
			count++;
		}
		assertThat(count).isEqualTo(63);
	}

	@Test
	void randomNestedFormulasWithNegationSelectTheSameRowsInSqlAndInJava() throws SQLException {
		ColumnResolver columns = ColumnResolver.of(physical(TYPED));
		Random random = new Random(5L);
		List<String> names = new ArrayList<>(TYPED.keySet());
		int checked = 0;
		while (checked < 300) {
			String formula = randomGroup(random, names, 0);
			if (parses(formula, columns)) {
				assertAgreement("typed", formula, columns, typedRows);
				checked++;
			}
		}
	}

	private static String randomGroup(Random random, List<String> names, int depth) {
		int size = random.nextInt(4) + ((depth == 0) ? 1 : 0);
		String[] children = new String[size];
		for (int i = 0; i < size; i++) {
			children[i] = (depth < 3 && random.nextInt(3) == 0) ? randomGroup(random, names, depth + 1)
					: randomRule(random, names);
		}
		return group(random.nextBoolean() ? "AND" : "OR", random.nextInt(3) == 0, children);
	}

	private static String randomRule(Random random, List<String> names) {
		String name = names.get(random.nextInt(names.size()));
		ColumnType type = TYPED.get(name);
		List<Operator> operators = new ArrayList<>(Operator.allowedFor(type));
		Operator operator = operators.get(random.nextInt(operators.size()));
		List<String> constants = CONSTANTS.get(type);
		String value;
		if (operator.valueCount() == 0) {
			value = "null";
		}
		else if (operator.valueCount() == 1) {
			value = json(constants.get(random.nextInt(constants.size())));
		}
		else {
			value = "[" + json(constants.get(random.nextInt(constants.size()))) + ","
					+ json(constants.get(random.nextInt(constants.size()))) + "]";
		}
		return rule(name.replace("\"", "\\\""), operator.jsonName(), value);
	}

	/**
	 * The rows the SQL selects equal the rows the evaluator selects; NOT selects the
	 * rest; the expression is never NULL.
	 */
	private static void assertAgreement(String table, String json, ColumnResolver columns,
			Map<Long, Map<String, Object>> rows) throws SQLException {
		Formula formula = Formula.parse(json, columns);
		SqlFragment sql = formula.toSql();
		Set<Long> expected = new TreeSet<>();
		rows.forEach((id, row) -> {
			if (formula.evaluate(row)) {
				expected.add(id);
			}
		});
		Set<Long> selected = new TreeSet<>();
		Set<Long> rejected = new TreeSet<>();
		int nulls = 0;
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT id, " + sql.sql() + " FROM " + table + " ORDER BY id")) {
			bind(statement, sql.parameters());
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					boolean value = result.getBoolean(2);
					if (result.wasNull()) {
						nulls++;
					}
					(value ? selected : rejected).add(result.getLong(1));
				}
			}
		}
		Set<Long> where = new TreeSet<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT id FROM " + table + " WHERE NOT (" + sql.sql() + ")")) {
			bind(statement, sql.parameters());
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					where.add(result.getLong(1));
				}
			}
		}
		String description = formula.toText() + "  SQL: " + sql.sql() + " " + sql.parameters();
		assertThat(nulls).as("NULL results of " + description).isZero();
		assertThat(selected).as(description).isEqualTo(expected);
		assertThat(where).as("NOT " + description).isEqualTo(rejected);
	}

	private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
		for (int i = 0; i < parameters.size(); i++) {
			statement.setObject(i + 1, parameters.get(i));
		}
	}

	private static boolean parses(String json, ColumnResolver columns) {
		try {
			Formula.parse(json, columns);
			return true;
		}
		catch (FormulaException ex) {
			return false;
		}
	}

	private static String json(String text) {
		return FormulaReader.MAPPER.writeValueAsString(text);
	}

	private static JsonNode fixtures() throws IOException {
		try (InputStream in = FormulaSqlIntegrationTests.class.getResourceAsStream("/ontask-export-formulas.json")) {
			return FormulaReader.MAPPER.readTree(in);
		}
	}

}
