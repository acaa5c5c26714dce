package org.ontask.formula;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ontask.formula.FormulaParsingTests.COLUMNS;
import static org.ontask.formula.FormulaParsingTests.group;
import static org.ontask.formula.FormulaParsingTests.rule;

class TextRenderingTests {

	private static String text(String json) {
		return Formula.parse(json, COLUMNS).toText();
	}

	private static String text(String column, String operator, String value) {
		return text(group("AND", false, rule(column, operator, value)));
	}

	@Test
	void readsLikeTheCondition() {
		assertThat(text(group("AND", false, rule("midterm", "greater_or_equal", "\"50\""),
				group("AND", true, rule("program", "equal", "\"FASS\"")))))
			.isEqualTo("midterm ≥ 50 AND NOT (program = \"FASS\")");
		assertThat(text(group("OR", true, rule("days", "less", "3"),
				group("AND", false, rule("midterm", "is_null", "null"), rule("program", "is_not_empty", "null")),
				group("OR", false, rule("took_mt", "equal", "\"1\"")))))
			.isEqualTo("NOT (days < 3 OR (midterm is null AND program is not empty) OR took_mt = true)");
	}

	@Test
	void namesEveryOperator() {
		assertThat(text("days", "equal", "5")).isEqualTo("days = 5");
		assertThat(text("midterm", "not_equal", "\"49.50\"")).isEqualTo("midterm ≠ 49.5");
		assertThat(text("program", "begins_with", "\"F\"")).isEqualTo("program starts with \"F\"");
		assertThat(text("program", "not_begins_with", "\"F\"")).isEqualTo("program does not start with \"F\"");
		assertThat(text("program", "contains", "\"say \\\"hi\\\"\"")).isEqualTo("program contains \"say \\\"hi\\\"\"");
		assertThat(text("program", "not_contains", "\"F\"")).isEqualTo("program does not contain \"F\"");
		assertThat(text("program", "ends_with", "\"F\"")).isEqualTo("program ends with \"F\"");
		assertThat(text("program", "not_ends_with", "\"F\"")).isEqualTo("program does not end with \"F\"");
		assertThat(text("program", "is_empty", "null")).isEqualTo("program is empty");
		assertThat(text("program", "is_not_empty", "null")).isEqualTo("program is not empty");
		assertThat(text("took_mt", "is_null", "null")).isEqualTo("took_mt is null");
		assertThat(text("took_mt", "is_not_null", "null")).isEqualTo("took_mt is not null");
		assertThat(text("days", "less", "5")).isEqualTo("days < 5");
		assertThat(text("days", "less_or_equal", "5")).isEqualTo("days ≤ 5");
		assertThat(text("days", "greater", "5")).isEqualTo("days > 5");
		assertThat(text("days", "greater_or_equal", "5")).isEqualTo("days ≥ 5");
		assertThat(text("midterm", "between", "[\"40\",\"50.5\"]")).isEqualTo("40 ≤ midterm ≤ 50.5");
		assertThat(text("midterm", "not_between", "[40,50]")).isEqualTo("midterm not between 40 and 50");
		assertThat(text("due", "less", "\"2024-03-01 10:00:00\"")).isEqualTo("due < 2024-03-01 10:00:00Z");
		assertThat(text("due", "less", "\"2024-03-01T10:00:00.5+10:00\""))
			.isEqualTo("due < 2024-03-01 10:00:00.5+10:00");
	}

	@Test
	void rendersStoredJsonWithoutTypes() {
		assertThat(Formulas.toText(group("AND", false,
				"{\"id\":\"Days online\",\"field\":\"Days online\",\"type\":\"integer\",\"operator\":\"less_or_equal\",\"value\":\"7\"}",
				"{\"field\":\"Program\",\"type\":\"string\",\"operator\":\"equal\",\"value\":\"FASS\"}")))
			.isEqualTo("Days online ≤ 7 AND Program = \"FASS\"");
		assertThat(Formulas.toText("{}")).isEmpty();
	}

}
