package org.ontask.formula;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ontask.formula.FormulaParsingTests.COLUMNS;
import static org.ontask.formula.FormulaParsingTests.group;
import static org.ontask.formula.FormulaParsingTests.rule;

class SqlRenderingTests {

	private static SqlFragment sql(String column, String operator, String value) {
		return Formula.parse(group("AND", false, rule(column, operator, value)), COLUMNS).toSql();
	}

	@Test
	void rendersEachOperatorWithPlaceholdersAndTypedParameters() {
		assertThat(sql("days", "equal", "\"5\"")).isEqualTo(frag("((\"c_2\" = ? AND \"c_2\" IS NOT NULL))", 5L));
		assertThat(sql("midterm", "not_equal", "\"5\""))
			.isEqualTo(frag("((\"c_1\" <> ? AND \"c_1\" IS NOT NULL))", 5.0));
		assertThat(sql("days", "less", "1")).isEqualTo(frag("((\"c_2\" < ? AND \"c_2\" IS NOT NULL))", 1L));
		assertThat(sql("days", "less_or_equal", "1")).isEqualTo(frag("((\"c_2\" <= ? AND \"c_2\" IS NOT NULL))", 1L));
		assertThat(sql("days", "greater", "1")).isEqualTo(frag("((\"c_2\" > ? AND \"c_2\" IS NOT NULL))", 1L));
		assertThat(sql("days", "greater_or_equal", "1"))
			.isEqualTo(frag("((\"c_2\" >= ? AND \"c_2\" IS NOT NULL))", 1L));
		assertThat(sql("days", "between", "[1,\"2\"]"))
			.isEqualTo(frag("(((\"c_2\" BETWEEN ? AND ?) AND \"c_2\" IS NOT NULL))", 1L, 2L));
		assertThat(sql("days", "not_between", "[1,2]"))
			.isEqualTo(frag("(((\"c_2\" NOT BETWEEN ? AND ?) AND \"c_2\" IS NOT NULL))", 1L, 2L));
		assertThat(sql("program", "begins_with", "\"F%_!\""))
			.isEqualTo(frag("((\"c_3\" LIKE ? ESCAPE '!' AND \"c_3\" IS NOT NULL))", "F!%!_!!%"));
		assertThat(sql("program", "not_begins_with", "\"F\""))
			.isEqualTo(frag("((\"c_3\" NOT LIKE ? ESCAPE '!' AND \"c_3\" IS NOT NULL))", "F%"));
		assertThat(sql("program", "contains", "\"F\""))
			.isEqualTo(frag("((\"c_3\" LIKE ? ESCAPE '!' AND \"c_3\" IS NOT NULL))", "%F%"));
		assertThat(sql("program", "not_contains", "\"F\""))
			.isEqualTo(frag("((\"c_3\" NOT LIKE ? ESCAPE '!' AND \"c_3\" IS NOT NULL))", "%F%"));
		assertThat(sql("program", "ends_with", "\"F\""))
			.isEqualTo(frag("((\"c_3\" LIKE ? ESCAPE '!' AND \"c_3\" IS NOT NULL))", "%F"));
		assertThat(sql("program", "not_ends_with", "\"F\""))
			.isEqualTo(frag("((\"c_3\" NOT LIKE ? ESCAPE '!' AND \"c_3\" IS NOT NULL))", "%F"));
		assertThat(sql("program", "is_empty", "null")).isEqualTo(frag("((\"c_3\" IS NULL OR \"c_3\" = ''))"));
		assertThat(sql("program", "is_not_empty", "null")).isEqualTo(frag("((\"c_3\" IS NOT NULL AND \"c_3\" <> ''))"));
		assertThat(sql("took_mt", "is_null", "null")).isEqualTo(frag("((\"c_4\" IS NULL))"));
		assertThat(sql("took_mt", "is_not_null", "null")).isEqualTo(frag("((\"c_4\" IS NOT NULL))"));
		assertThat(sql("took_mt", "equal", "\"true\""))
			.isEqualTo(frag("((\"c_4\" = ? AND \"c_4\" IS NOT NULL))", true));
		assertThat(sql("due", "less", "\"2024-03-01 10:00:00+10:00\"")).isEqualTo(
				frag("((\"c_5\" < ? AND \"c_5\" IS NOT NULL))", OffsetDateTime.parse("2024-03-01T10:00:00+10:00")));
	}

	@Test
	void rendersGroupsNegationAndNesting() {
		String json = group("AND", false, rule("midterm", "greater_or_equal", "\"50\""),
				group("OR", true, rule("program", "equal", "\"FASS\""), rule("days", "is_null", "null")));
		assertThat(Formula.parse(json, COLUMNS).toSql()).isEqualTo(frag(
				"((\"c_1\" >= ? AND \"c_1\" IS NOT NULL) AND NOT ((\"c_3\" = ? AND \"c_3\" IS NOT NULL) OR (\"c_2\" IS NULL)))",
				50.0, "FASS"));
		assertThat(Formula.parse(group("AND", true, rule("days", "equal", "1")), COLUMNS).toSql())
			.isEqualTo(frag("NOT ((\"c_2\" = ? AND \"c_2\" IS NOT NULL))", 1L));
	}

	@Test
	void userTextNeverReachesTheSql() {
		String evil = "x\\\"; DROP TABLE t; --";
		ColumnResolver columns = ColumnResolver
			.of(Map.of("x\"; DROP TABLE t; --", new ResolvedColumn("\"c_9\"", ColumnType.STRING)));
		String json = group("OR", false, rule(evil, "equal", "\"'; DROP TABLE t; --\""),
				rule(evil, "contains", "\"') OR 1=1 --\""), rule(evil, "is_empty", "null"));
		Formula formula = Formula.parse(json, columns);
		SqlFragment sql = formula.toSql();
		assertThat(sql.sql()).doesNotContain("DROP").doesNotContain("x\"").doesNotContain("1=1");
		assertThat(sql.parameters()).containsExactly("'; DROP TABLE t; --", "%') OR 1=1 --%");
		// only the resolver's identifiers, fixed words and placeholders
		Pattern allowed = Pattern.compile("(\"c_9\"|\\(|\\)|\\?|''|'!'|=|<>|\\s|AND|OR|NOT|IS|NULL|LIKE|ESCAPE)+");
		assertThat(allowed.matcher(sql.sql()).matches()).as(sql.sql()).isTrue();
		assertThat(formula.columns()).containsExactly("x\"; DROP TABLE t; --");
	}

	@Test
	void fragmentsCombine() {
		SqlFragment filter = sql("days", "greater", "1");
		SqlFragment condition = sql("program", "equal", "\"FASS\"");
		assertThat(filter.and(condition)).isEqualTo(frag(
				"(((\"c_2\" > ? AND \"c_2\" IS NOT NULL))) AND (((\"c_3\" = ? AND \"c_3\" IS NOT NULL)))", 1L, "FASS"));
		assertThat(SqlFragment.allOf(List.of(condition.not(), filter)).parameters()).containsExactly("FASS", 1L);
		assertThat(SqlFragment.allOf(List.of())).isEqualTo(SqlFragment.TRUE);
		assertThat(SqlFragment.anyOf(List.of())).isEqualTo(SqlFragment.FALSE);
		assertThat(filter.or(condition).sql()).contains(") OR (");
	}

	private static SqlFragment frag(String sql, Object... parameters) {
		return new SqlFragment(sql, List.of(parameters));
	}

}
