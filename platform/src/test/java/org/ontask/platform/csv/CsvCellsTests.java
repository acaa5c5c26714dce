package org.ontask.platform.csv;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

	@Test
	void valuesAreWrittenAsAnUploadReadsThemBack() {
		assertThat(CsvCells.cell(null)).isEmpty();
		assertThat(CsvCells.cell(40.0)).isEqualTo("40");
		assertThat(CsvCells.cell(2.50)).isEqualTo("2.5");
		assertThat(CsvCells.cell(1e20)).isEqualTo("100000000000000000000");
		assertThat(CsvCells.cell(-3L)).isEqualTo("-3");
		assertThat(CsvCells.cell(true)).isEqualTo("true");
		assertThat(CsvCells.cell(Instant.parse("2026-11-24T10:00:00Z"))).isEqualTo("2026-11-24T10:00:00Z");
	}

	@Test
	void textThatASpreadsheetWouldRunGetsALeadingQuote() {
		for (String formula : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
			assertThat(CsvCells.cell(formula)).isEqualTo("'" + formula);
			assertThat(CsvCells.neutralise(formula)).isEqualTo("'" + formula);
		}
		assertThat(CsvCells.cell("a=b")).isEqualTo("a=b");
		assertThat(CsvCells.neutralise(null)).isEmpty();
	}

}
