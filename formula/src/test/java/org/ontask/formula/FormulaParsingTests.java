package org.ontask.formula;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormulaParsingTests {

	static final ColumnResolver COLUMNS = ColumnResolver.of(Map.of("midterm",
			new ResolvedColumn("\"c_1\"", ColumnType.DOUBLE), "days", new ResolvedColumn("\"c_2\"", ColumnType.INTEGER),
			"program", new ResolvedColumn("\"c_3\"", ColumnType.STRING), "took_mt",
			new ResolvedColumn("\"c_4\"", ColumnType.BOOLEAN), "due",
			new ResolvedColumn("\"c_5\"", ColumnType.DATETIME)));

	static String rule(String column, String operator, String valueJson) {
		return "{\"id\":\"" + column + "\",\"field\":\"" + column + "\",\"operator\":\"" + operator + "\",\"value\":"
				+ valueJson + "}";
	}

	static String group(String condition, boolean not, String... rules) {
		return "{\"condition\":\"" + condition + "\",\"not\":" + not + ",\"valid\":true,\"rules\":["
				+ String.join(",", rules) + "]}";
	}

	static String problem(String json) {
		try {
			Formula.parse(json, COLUMNS);
		}
		catch (FormulaException ex) {
			assertThat(ex.problems()).hasSize(1);
			return ex.getMessage();
		}
		throw new AssertionError("No problem found in " + json);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "null", "{}", "{\"condition\":\"AND\",\"rules\":[]}",
			"{\"condition\":\"OR\",\"not\":false,\"rules\":[],\"valid\":false}" })
	void theEmptyFormulaSelectsEveryRow(String json) {
		Formula formula = Formula.parse(json, COLUMNS);
		assertThat(formula.isEmpty()).isTrue();
		assertThat(formula.toSql()).isEqualTo(SqlFragment.TRUE);
		assertThat(formula.evaluate(Map.of())).isTrue();
		assertThat(formula.toText()).isEmpty();
		assertThat(formula.columns()).isEmpty();
		assertThat(formula.toJson()).isEqualTo("{}");
		assertThat(Formulas.isEmpty(json)).isTrue();
	}

	@Test
	void nullIsTheEmptyFormula() {
		assertThat(Formula.parse(null, COLUMNS).isEmpty()).isTrue();
	}

	@Test
	void everyFormulaOfTheOriginalsExportsParses() throws IOException {
		JsonNode fixtures;
		try (InputStream in = getClass().getResourceAsStream("/ontask-export-formulas.json")) {
			fixtures = FormulaReader.MAPPER.readTree(in);
		}
		assertThat(fixtures.size()).isEqualTo(63);
		for (JsonNode fixture : fixtures) {
			String json = fixture.get("formula").toString();
			Map<String, ResolvedColumn> columns = new HashMap<>();
			int[] index = { 0 };
			declaredColumns(fixture.get("formula"), columns, index);
			Formula formula = Formula.parse(json, ColumnResolver.of(columns));
			assertThat(formula.columns()).isEqualTo(Formulas.columns(json));
			assertThat(formula.toSql().sql()).doesNotContain("video").doesNotContain("Program");
			assertThat(formula.toText()).isNotBlank();
			// the normalised JSON reads back to the same formula
			Formula again = Formula.parse(formula.toJson(), ColumnResolver.of(columns));
			assertThat(again.toSql()).isEqualTo(formula.toSql());
			assertThat(again.toText()).isEqualTo(formula.toText());
		}
	}

	/**
	 * Columns typed as the rules declare them; the two true/false columns are boolean.
	 */
	static void declaredColumns(JsonNode node, Map<String, ResolvedColumn> columns, int[] index) {
		if (node.has("rules")) {
			for (JsonNode child : node.get("rules")) {
				declaredColumns(child, columns, index);
			}
			return;
		}
		String name = node.get("field").stringValue();
		ColumnType type = List.of("took_mt", "registered").contains(name) ? ColumnType.BOOLEAN
				: ColumnType.fromJsonName(node.get("type").stringValue()).orElseThrow();
		columns.computeIfAbsent(name, (n) -> new ResolvedColumn("c_" + (++index[0]), type));
	}

	@Test
	void readsTheOriginalsStoredRepresentations() {
		// a boolean column as the editor stores it: type string, value "true"
		Formula took = Formula.parse(group("AND", false,
				"{\"id\":\"took_mt\",\"field\":\"took_mt\",\"type\":\"string\",\"input\":\"select\",\"operator\":\"equal\",\"value\":\"true\"}"),
				COLUMNS);
		assertThat(took.toSql().parameters()).containsExactly(true);
		assertThat(Formula.parse(group("AND", false, rule("took_mt", "equal", "\"1\"")), COLUMNS).toSql().parameters())
			.containsExactly(true);
		assertThat(Formula.parse(group("AND", false, rule("took_mt", "equal", "\"0\"")), COLUMNS).toSql().parameters())
			.containsExactly(false);
		assertThat(Formula.parse(group("AND", false, rule("took_mt", "equal", "false")), COLUMNS).toSql().parameters())
			.containsExactly(false);
		// numbers as text or JSON numbers; an integer column accepts "7.0"
		assertThat(Formula.parse(group("AND", false, rule("days", "greater", "0")), COLUMNS).toSql().parameters())
			.containsExactly(0L);
		assertThat(Formula.parse(group("AND", false, rule("days", "greater", "\"7.0\"")), COLUMNS).toSql().parameters())
			.containsExactly(7L);
		assertThat(
				Formula.parse(group("AND", false, rule("midterm", "less", "\"49.5\"")), COLUMNS).toSql().parameters())
			.containsExactly(49.5);
		assertThat(
				Formula.parse(group("AND", false, rule("midterm", "less", "[\"49.5\"]")), COLUMNS).toSql().parameters())
			.containsExactly(49.5);
		// the null tests carry null, nothing, "" or []
		for (String none : List.of("null", "\"\"", "[]")) {
			assertThat(
					Formula.parse(group("AND", false, rule("midterm", "is_null", none)), COLUMNS).toSql().parameters())
				.isEmpty();
		}
		assertThat(Formula.parse("{\"rules\":[{\"field\":\"days\",\"operator\":\"is_not_null\"}]}", COLUMNS).toText())
			.isEqualTo("days is not null");
		// a bare rule is a formula of one rule; "and"/"or" in any case
		assertThat(Formula.parse(rule("days", "equal", "\"3\""), COLUMNS).toText()).isEqualTo("days = 3");
		assertThat(Formula.parse(group("or", false, rule("days", "equal", "1"), rule("days", "equal", "2")), COLUMNS)
			.toText()).isEqualTo("days = 1 OR days = 2");
	}

	@Test
	void readsDateTimesInTheFormsTheEditorAndIsoWrite() {
		for (String text : List.of("2024-03-01 10:00:00", "2024-03-01T10:00:00", "2024-03-01T10:00:00Z",
				"2024-03-01 10:00:00+00:00", "2024-03-01 20:00:00+1000", "2024-03-01 20:00:00+10",
				"2024-03-01T21:00:00+11:00[Australia/Sydney]", "2024-03-01 10:00", "2024-03-01 10:00:00.000")) {
			Formula formula = Formula.parse(group("AND", false, rule("due", "less", "\"" + text + "\"")), COLUMNS);
			java.time.OffsetDateTime value = (java.time.OffsetDateTime) formula.toSql().parameters().get(0);
			assertThat(value.toInstant()).as(text).isEqualTo(java.time.Instant.parse("2024-03-01T10:00:00Z"));
		}
		Formula date = Formula.parse(group("AND", false, rule("due", "less", "\"2024-03-01\"")), COLUMNS,
				java.time.ZoneId.of("Australia/Sydney"));
		assertThat(((java.time.OffsetDateTime) date.toSql().parameters().get(0)).toInstant())
			.isEqualTo(java.time.Instant.parse("2024-02-29T13:00:00Z"));
	}

	@Test
	void namesTheColumnTheOperatorAndTheValueInEachProblem() {
		assertThat(problem(group("AND", false, rule("midterm", "contains", "\"5\""))))
			.isEqualTo("Column \"midterm\" is a number; operator \"contains\" needs text (rule 1)");
		assertThat(problem(group("AND", false, rule("program", "less", "\"B\""))))
			.isEqualTo("Column \"program\" is text; operator \"less\" needs a number or a date (rule 1)");
		assertThat(problem(group("AND", false, rule("took_mt", "between", "[\"0\",\"1\"]"))))
			.isEqualTo("Column \"took_mt\" is true/false; operator \"between\" needs a number or a date (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "is_empty", "null"))))
			.isEqualTo("Column \"days\" is a number; operator \"is_empty\" needs text (rule 1)");
		assertThat(problem(group("AND", false, rule("midterm", "less", "\"abc\""))))
			.isEqualTo("Column \"midterm\" is a number; \"abc\" is not a number (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "less", "\"7.5\""))))
			.isEqualTo("Column \"days\" is a number; \"7.5\" is not a whole number (rule 1)");
		assertThat(problem(group("AND", false, rule("took_mt", "equal", "\"maybe\""))))
			.isEqualTo("Column \"took_mt\" is true/false; \"maybe\" is not true or false (rule 1)");
		assertThat(problem(group("AND", false, rule("due", "less", "\"tomorrow\"")))).isEqualTo(
				"Column \"due\" is a date and time; \"tomorrow\" is not a date and time (write YYYY-MM-DD HH:MM:SS,"
						+ " optionally with a zone such as +10:00) (rule 1)");
		assertThat(problem(group("AND", false, rule("final", "less", "\"5\""))))
			.isEqualTo("Column \"final\" does not exist (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "lesser", "\"5\""))))
			.isEqualTo("Unknown operator \"lesser\" on column \"days\" (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "between", "\"5\"")))).isEqualTo(
				"Operator \"between\" on column \"days\" needs two values, as a list [low, high], not \"5\" (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "not_between", "[1,2,3]")))).isEqualTo(
				"Operator \"not_between\" on column \"days\" needs two values, as a list [low, high], not [1,2,3] (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "equal", "null"))))
			.isEqualTo("Operator \"equal\" on column \"days\" needs a value (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "equal", "{\"a\":1}"))))
			.isEqualTo("Operator \"equal\" on column \"days\" needs one value, not an object (rule 1)");
		assertThat(problem(group("AND", false, rule("days", "is_null", "\"5\""))))
			.isEqualTo("Operator \"is_null\" on column \"days\" takes no value, but has \"5\" (rule 1)");
		assertThat(problem(group("AND", false, "{\"operator\":\"equal\",\"value\":\"1\"}")))
			.isEqualTo("A rule names no column (\"field\" or \"id\") (rule 1)");
		assertThat(problem(group("AND", false, "{\"id\":\"a\",\"field\":\"b\",\"operator\":\"is_null\"}")))
			.isEqualTo("A rule names two columns, \"a\" as \"id\" and \"b\" as \"field\" (rule 1)");
		assertThat(problem(group("AND", false, "{\"field\":\"days\",\"value\":\"1\"}")))
			.isEqualTo("The rule on column \"days\" has no operator (rule 1)");
		assertThat(problem(group("AND", false, "{\"field\":\"days\",\"type\":\"money\",\"operator\":\"is_null\"}")))
			.isEqualTo(
					"Unknown type \"money\" on column \"days\" (use integer, double, string, boolean or datetime) (rule 1)");
		assertThat(problem(group("XOR", false, rule("days", "is_null", "null"))))
			.isEqualTo("\"condition\" must be \"AND\" or \"OR\", not \"XOR\" (the top group)");
		assertThat(problem("{\"condition\":\"AND\",\"not\":\"yes\",\"rules\":[]}"))
			.isEqualTo("\"not\" must be true or false, not \"yes\" (the top group)");
		assertThat(problem("{\"condition\":\"AND\",\"rules\":{}}"))
			.isEqualTo("\"rules\" must be a list, not an object (the top group)");
		assertThat(problem("{\"condition\":\"AND\",\"rules\":[3]}"))
			.isEqualTo("A rule must be a JSON object, not a number (rule 1)");
		assertThat(problem("[1,2]")).isEqualTo("A formula must be a JSON object, not a list");
		assertThat(problem("{\"condition\": \"AND\", \"rules\": ["))
			.startsWith("The formula is not valid JSON (line 1");
		assertThat(problem("[")).isEqualTo(
				"The formula is not valid JSON (line 1, column 2): Unexpected end-of-input: expected close marker for Array");
	}

	@Test
	void locatesProblemsInNestedGroupsAndReportsThemAll() {
		String json = group("AND", false, rule("days", "equal", "1"),
				group("OR", true, rule("program", "equal", "\"FASS\""), rule("midterm", "contains", "\"x\"")),
				rule("gone", "is_null", "null"));
		assertThatThrownBy(() -> Formula.parse(json, COLUMNS)).isInstanceOfSatisfying(FormulaException.class,
				(ex) -> assertThat(ex.problems()).containsExactly(
						"Column \"midterm\" is a number; operator \"contains\" needs text (rule 2.2)",
						"Column \"gone\" does not exist (rule 3)"));
		assertThat(Formulas.problems(json, COLUMNS)).hasSize(2);
		assertThat(Formulas.problems(group("AND", false, rule("days", "equal", "1")), COLUMNS)).isEmpty();
		assertThat(Formulas.problems("{", COLUMNS)).singleElement()
			.asString()
			.startsWith("The formula is not valid JSON");
	}

	@Test
	void refusesFormulasNestedTooDeeplyOrWithTooManyRules() {
		String deep = rule("days", "is_null", "null");
		for (int i = 0; i < FormulaReader.MAX_DEPTH + 1; i++) {
			deep = group("AND", false, deep);
		}
		assertThat(problem(deep)).startsWith("Groups are nested more than 32 deep");
		String[] many = new String[FormulaReader.MAX_RULES + 1];
		java.util.Arrays.fill(many, rule("days", "is_null", "null"));
		assertThat(problem(group("AND", false, many))).isEqualTo("A formula may have at most 1000 rules");
	}

	@Test
	void resolvedIdentifiersMustBeSafe() {
		assertThat(new ResolvedColumn("c_1", ColumnType.STRING).sqlIdentifier()).isEqualTo("c_1");
		assertThat(new ResolvedColumn("t.\"c_1\"", ColumnType.STRING).sqlIdentifier()).isEqualTo("t.\"c_1\"");
		for (String unsafe : List.of("\"x\"; DROP TABLE t; --", "c 1", "\"a\"\"b\"", "c_1)", "", "1abc", "a.")) {
			assertThatThrownBy(() -> new ResolvedColumn(unsafe, ColumnType.STRING))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("Not a safe SQL identifier");
		}
		Formula typesOnly = Formula.parse(group("AND", false, rule("days", "equal", "1")),
				ColumnResolver.ofTypes(Map.of("days", ColumnType.INTEGER)));
		assertThat(typesOnly.evaluate(Map.of("days", 1))).isTrue();
		assertThatThrownBy(typesOnly::toSql).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("\"days\" was resolved without an SQL identifier");
	}

	@Test
	void operatorsAndTypesKnowTheirNames() {
		assertThat(Operator.values()).hasSize(18);
		for (Operator operator : Operator.values()) {
			assertThat(Operator.fromJsonName(operator.jsonName())).contains(operator);
		}
		assertThat(Operator.allowedFor(ColumnType.BOOLEAN)).containsExactly(Operator.EQUAL, Operator.NOT_EQUAL,
				Operator.IS_NULL, Operator.IS_NOT_NULL);
		assertThat(Operator.allowedFor(ColumnType.STRING)).hasSize(12);
		assertThat(Operator.allowedFor(ColumnType.INTEGER)).hasSize(10)
			.isEqualTo(Operator.allowedFor(ColumnType.DATETIME));
		assertThat(ColumnType.fromJsonName(" Double ")).contains(ColumnType.DOUBLE);
		assertThat(ColumnType.fromJsonName("money")).isEmpty();
	}

}
