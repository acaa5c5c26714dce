package org.ontask.formula;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ontask.formula.FormulaParsingTests.COLUMNS;

class FormulasTests {

	private static final String STORED = "{\"condition\":\"OR\",\"not\":false,\"valid\":true,\"rules\":["
			+ "{\"id\":\"Video_1_W2\",\"field\":\"Video_1_W2\",\"type\":\"double\",\"input\":\"number\",\"operator\":\"greater\",\"value\":\"25\"},"
			+ "{\"condition\":\"AND\",\"not\":true,\"rules\":["
			+ "{\"id\":\"Video_1_W2\",\"field\":\"Video_1_W2\",\"type\":\"double\",\"input\":\"number\",\"operator\":\"less_or_equal\",\"value\":\"75\",\"data\":{\"x\":1}},"
			+ "{\"id\":\"Video_1_W20\",\"field\":\"Video_1_W20\",\"type\":\"string\",\"operator\":\"is_null\",\"value\":null}]}]}";

	@Test
	void listsTheColumnsInOrderOfUse() {
		assertThat(Formulas.columns(STORED)).containsExactly("Video_1_W2", "Video_1_W20");
		assertThat(Formulas.refersTo(STORED, "Video_1_W20")).isTrue();
		assertThat(Formulas.refersTo(STORED, "Video")).isFalse();
		assertThat(Formulas.columns(null)).isEmpty();
	}

	@Test
	void renamesAColumnInIdAndFieldAndKeepsEverythingElse() {
		String renamed = Formulas.renameColumn(STORED, "Video_1_W2", "Vidéo \"1\" semaine 2");
		assertThat(Formulas.columns(renamed)).containsExactly("Vidéo \"1\" semaine 2", "Video_1_W20");
		assertThat(renamed).contains("\"data\":{\"x\":1}")
			.contains("\"input\":\"number\"")
			.contains("\"valid\":true")
			.doesNotContain("\"Video_1_W2\"");
		assertThat(renamed.replace("Vidéo \\\"1\\\" semaine 2", "Video_1_W2")).isEqualTo(STORED);
		assertThat(Formulas.renameColumn(STORED, "absent", "other")).isEqualTo(STORED);
		assertThat(Formulas.renameColumn(null, "a", "b")).isNull();
		assertThat(Formulas.renameColumn("{}", "a", "b")).isEqualTo("{}");
		assertThatThrownBy(() -> Formulas.renameColumn("{\"rules\":5}", "a", "b")).isInstanceOf(FormulaException.class);
		assertThatThrownBy(() -> Formulas.renameColumn(STORED, "Video_1_W2", ""))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void findsFormulasThatReferToADeletedColumn() {
		ColumnResolver afterDelete = ColumnResolver
			.ofTypes(Map.of("Video_1_W2", ColumnType.DOUBLE, "other", ColumnType.STRING));
		assertThat(Formulas.missingColumns(STORED, afterDelete)).containsExactly("Video_1_W20");
		assertThat(Formulas.problems(STORED, afterDelete))
			.containsExactly("Column \"Video_1_W20\" does not exist (rule 2.2)");
		assertThat(Formulas.missingColumns(STORED,
				ColumnResolver.ofTypes(Map.of("Video_1_W2", ColumnType.DOUBLE, "Video_1_W20", ColumnType.STRING))))
			.isEmpty();
	}

	@Test
	void reportsAFormulaBrokenByATypeChange() {
		String json = "{\"condition\":\"AND\",\"rules\":[{\"field\":\"program\",\"type\":\"string\",\"operator\":\"contains\",\"value\":\"FA\"}]}";
		assertThat(Formulas.problems(json, COLUMNS)).isEmpty();
		assertThat(Formulas.problems(json, ColumnResolver.ofTypes(Map.of("program", ColumnType.INTEGER))))
			.containsExactly("Column \"program\" is a number; operator \"contains\" needs text (rule 1)");
	}

}
