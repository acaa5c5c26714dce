package org.ontask.formula;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ontask.formula.FormulaParsingTests.COLUMNS;
import static org.ontask.formula.FormulaParsingTests.group;
import static org.ontask.formula.FormulaParsingTests.rule;

/**
 * Every operator on every type it applies to, against a row of cells including a missing
 * one, and every operator refused on the types it does not apply to.
 */
class OperatorSemanticsTests {

	private final Set<Operator> covered = EnumSet.noneOf(Operator.class);

	/**
	 * Checks the evaluator's result for each cell, and that the formula's text and SQL
	 * exist.
	 */
	private void check(String column, String operator, String value, List<?> cells, Boolean... expected) {
		Formula formula = Formula.parse(group("AND", false, rule(column, operator, value)), COLUMNS);
		this.covered.add(Operator.fromJsonName(operator).orElseThrow());
		List<Boolean> results = new ArrayList<>();
		for (Object cell : cells) {
			Map<String, Object> row = new HashMap<>();
			row.put(column, cell);
			results.add(formula.evaluate(row));
		}
		assertThat(results).as(column + " " + operator + " " + value + " on " + cells).containsExactly(expected);
		// NOT of the same rule is the exact complement, nulls included
		Formula negated = Formula.parse(group("AND", true, rule(column, operator, value)), COLUMNS);
		for (int i = 0; i < cells.size(); i++) {
			Map<String, Object> row = new HashMap<>();
			row.put(column, cells.get(i));
			assertThat(negated.evaluate(row)).isEqualTo(!expected[i]);
		}
	}

	@Test
	void integers() {
		List<Object> cells = Arrays.asList(null, 2L, 5, 9L);
		check("days", "equal", "\"5\"", cells, false, false, true, false);
		check("days", "not_equal", "\"5\"", cells, false, true, false, true);
		check("days", "less", "\"5\"", cells, false, true, false, false);
		check("days", "less_or_equal", "\"5\"", cells, false, true, true, false);
		check("days", "greater", "\"5\"", cells, false, false, false, true);
		check("days", "greater_or_equal", "\"5\"", cells, false, false, true, true);
		check("days", "between", "[\"3\",\"7\"]", cells, false, false, true, false);
		check("days", "not_between", "[\"3\",\"7\"]", cells, false, true, false, true);
		check("days", "between", "[\"7\",\"3\"]", cells, false, false, false, false);
		check("days", "is_null", "null", cells, true, false, false, false);
		check("days", "is_not_null", "null", cells, false, true, true, true);
	}

	@Test
	void doubles() {
		List<Object> cells = Arrays.asList(null, 49.5, 50, 50.5, Double.NaN, new java.math.BigDecimal("50.0"));
		check("midterm", "equal", "\"50\"", cells, false, false, true, false, false, true);
		check("midterm", "not_equal", "50", cells, false, true, false, true, false, false);
		check("midterm", "less", "\"50\"", cells, false, true, false, false, false, false);
		check("midterm", "less_or_equal", "\"50.0\"", cells, false, true, true, false, false, true);
		check("midterm", "greater", "\"49.99\"", cells, false, false, true, true, false, true);
		check("midterm", "greater_or_equal", "\"50\"", cells, false, false, true, true, false, true);
		check("midterm", "between", "[\"49.5\",\"50\"]", cells, false, true, true, false, false, true);
		check("midterm", "not_between", "[\"49.5\",\"50\"]", cells, false, false, false, true, false, false);
		check("midterm", "is_null", "null", cells, true, false, false, false, true, false);
		check("midterm", "is_not_null", "null", cells, false, true, true, true, false, true);
		// as in PostgreSQL, minus zero equals zero
		check("midterm", "equal", "\"0\"", Arrays.asList(-0.0, 0.0), true, true);
	}

	@Test
	void text() {
		List<Object> cells = Arrays.asList(null, "", "FASS", "fass", "SFAS", "FEIT");
		check("program", "equal", "\"FASS\"", cells, false, false, true, false, false, false);
		check("program", "not_equal", "\"FASS\"", cells, false, true, false, true, true, true);
		check("program", "equal", "\"\"", cells, false, true, false, false, false, false);
		check("program", "begins_with", "\"FA\"", cells, false, false, true, false, false, false);
		check("program", "not_begins_with", "\"FA\"", cells, false, true, false, true, true, true);
		check("program", "contains", "\"AS\"", cells, false, false, true, false, true, false);
		check("program", "not_contains", "\"AS\"", cells, false, true, false, true, false, true);
		check("program", "ends_with", "\"AS\"", cells, false, false, false, false, true, false);
		check("program", "not_ends_with", "\"AS\"", cells, false, true, true, true, false, true);
		check("program", "is_empty", "null", cells, true, true, false, false, false, false);
		check("program", "is_not_empty", "null", cells, false, false, true, true, true, true);
		check("program", "is_null", "null", cells, true, false, false, false, false, false);
		check("program", "is_not_null", "null", cells, false, true, true, true, true, true);
		// LIKE's wildcards and the escape character match themselves
		List<Object> wild = Arrays.asList("50% done", "500 done", "a_b", "axb", "hey!", "hey");
		check("program", "contains", "\"0%\"", wild, true, false, false, false, false, false);
		check("program", "begins_with", "\"a_\"", wild, false, false, true, false, false, false);
		check("program", "ends_with", "\"!\"", wild, false, false, false, false, true, false);
	}

	@Test
	void booleans() {
		List<Object> cells = Arrays.asList(null, true, false, "true", "0");
		check("took_mt", "equal", "\"true\"", cells, false, true, false, true, false);
		check("took_mt", "not_equal", "\"true\"", cells, false, false, true, false, true);
		check("took_mt", "equal", "\"0\"", cells, false, false, true, false, true);
		check("took_mt", "is_null", "null", cells, true, false, false, false, false);
		check("took_mt", "is_not_null", "null", cells, false, true, true, true, true);
	}

	@Test
	void dateTimes() {
		List<Object> cells = Arrays.asList(null, Instant.parse("2024-03-01T09:59:59Z"),
				OffsetDateTime.parse("2024-03-01T21:00:00+11:00"), java.time.LocalDateTime.parse("2024-03-02T00:00:00"),
				"2024-03-01 10:00:00.000001");
		String at = "\"2024-03-01 10:00:00\"";
		check("due", "equal", at, cells, false, false, true, false, false);
		check("due", "not_equal", at, cells, false, true, false, true, true);
		check("due", "less", at, cells, false, true, false, false, false);
		check("due", "less_or_equal", at, cells, false, true, true, false, false);
		check("due", "greater", at, cells, false, false, false, true, true);
		check("due", "greater_or_equal", at, cells, false, false, true, true, true);
		check("due", "between", "[\"2024-03-01\",\"2024-03-01T10:00:00Z\"]", cells, false, true, true, false, false);
		check("due", "not_between", "[\"2024-03-01\",\"2024-03-01T10:00:00Z\"]", cells, false, false, false, true,
				true);
		check("due", "is_null", "null", cells, true, false, false, false, false);
		check("due", "is_not_null", "null", cells, false, true, true, true, true);
	}

	@Test
	void everyOperatorIsCoveredAndRefusedWhereItDoesNotApply() {
		integers();
		doubles();
		text();
		booleans();
		dateTimes();
		assertThat(this.covered).containsExactlyInAnyOrder(Operator.values());
		Map<ColumnType, String> columnOf = Map.of(ColumnType.INTEGER, "days", ColumnType.DOUBLE, "midterm",
				ColumnType.STRING, "program", ColumnType.BOOLEAN, "took_mt", ColumnType.DATETIME, "due");
		int refused = 0;
		for (ColumnType type : ColumnType.values()) {
			for (Operator operator : Operator.values()) {
				if (operator.appliesTo(type)) {
					continue;
				}
				String value = (operator.valueCount() == 0) ? "null"
						: ((operator.valueCount() == 1) ? "\"1\"" : "[\"1\",\"2\"]");
				String json = group("AND", false, rule(columnOf.get(type), operator.jsonName(), value));
				assertThatThrownBy(() -> Formula.parse(json, COLUMNS)).isInstanceOf(FormulaException.class)
					.hasMessage("Column \"" + columnOf.get(type) + "\" is " + type.description() + "; operator \""
							+ operator.jsonName() + "\" needs " + operator.needs() + " (rule 1)");
				refused++;
			}
		}
		// text: 6 ordered operators; numbers and dates: 8 text operators; true/false: 14
		assertThat(refused).isEqualTo(6 + 3 * 8 + 14);
	}

	@Test
	void groupsCombineTwoValuedResults() {
		String json = group("OR", false, rule("days", "greater", "5"),
				group("AND", true, rule("program", "equal", "\"FASS\""), rule("midterm", "is_not_null", "null")));
		Formula formula = Formula.parse(json, COLUMNS);
		assertThat(formula.evaluate(row(9L, "FASS", 50.0))).isTrue();
		assertThat(formula.evaluate(row(1L, "FASS", 50.0))).isFalse();
		assertThat(formula.evaluate(row(1L, "FASS", null))).isTrue();
		assertThat(formula.evaluate(row(null, null, null))).isTrue();
		assertThat(formula.evaluate(row(null, "FASS", 1.0))).isFalse();
		Formula emptyInside = Formula.parse(group("OR", false, group("AND", false), rule("days", "equal", "1")),
				COLUMNS);
		assertThat(emptyInside.evaluate(row(2L, null, null))).isTrue();
		assertThat(emptyInside.toSql().sql()).isEqualTo("(TRUE OR (\"c_2\" = ? AND \"c_2\" IS NOT NULL))");
		Formula nothing = Formula.parse(group("AND", true), COLUMNS);
		assertThat(nothing.isEmpty()).isFalse();
		assertThat(nothing.evaluate(row(1L, "x", 1.0))).isFalse();
		assertThat(nothing.toSql()).isEqualTo(SqlFragment.FALSE);
	}

	@Test
	void refusesRowsThatLackAColumnOrHoldTheWrongType() {
		Formula formula = Formula.parse(group("AND", false, rule("program", "equal", "\"FASS\"")), COLUMNS);
		assertThatThrownBy(() -> formula.evaluate(Map.of("days", 1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("The row has no value for column \"program\"");
		assertThatThrownBy(() -> formula.evaluate(Map.of("program", 12L))).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Column \"program\" holds text, but the row has a Long");
		Formula days = Formula.parse(group("AND", false, rule("days", "equal", "1")), COLUMNS);
		assertThatThrownBy(() -> days.evaluate(Map.of("days", "one"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Column \"days\" holds a number; \"one\" is not a whole number");
	}

	private static Map<String, Object> row(Long days, String program, Double midterm) {
		Map<String, Object> row = new HashMap<>();
		row.put("days", days);
		row.put("program", program);
		row.put("midterm", midterm);
		return row;
	}

}
