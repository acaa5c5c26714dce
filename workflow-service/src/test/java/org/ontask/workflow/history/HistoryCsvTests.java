package org.ontask.workflow.history;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryCsvTests {

	@Test
	void everyCellIsQuotedAndQuotesAreDoubled() {
		String csv = HistoryCsv.of(List.of(new HistoryEntry(1, Instant.parse("2026-11-24T10:00:00Z"), "=evil",
				"workflow.renamed", "workflow.events", "name: \"x\"", "{}")), ZoneId.of("UTC"));
		assertThat(csv).isEqualTo("\"time (UTC)\",\"who\",\"what\",\"source\",\"details\"\r\n"
				+ "\"2026-11-24 10:00:00\",\"'=evil\",\"workflow.renamed\",\"workflow.events\",\"name: \"\"x\"\"\"\r\n");
	}

}
