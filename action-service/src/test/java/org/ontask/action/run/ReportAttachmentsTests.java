package org.ontask.action.run;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportAttachmentsTests {

	@Test
	void fileNamesHoldNoPathsAndAreUnique() {
		Set<String> taken = new HashSet<>();
		assertThat(ReportAttachments.fileName("Scores / week 1", taken)).isEqualTo("Scores _ week 1.csv");
		assertThat(ReportAttachments.fileName("../..\\etc", taken)).isEqualTo("_.._etc.csv");
		assertThat(ReportAttachments.fileName("  .hidden", taken)).isEqualTo("hidden.csv");
		assertThat(ReportAttachments.fileName("\"", taken)).isEqualTo("_.csv");
		assertThat(ReportAttachments.fileName("...", taken)).isEqualTo("view.csv");
		assertThat(ReportAttachments.fileName("Zoë\nnotes", taken)).isEqualTo("Zoë_notes.csv");
		assertThat(ReportAttachments.fileName("SCORES _ week 1", taken)).isEqualTo("SCORES _ week 1 (2).csv");
		assertThat(ReportAttachments.fileName("x".repeat(300), taken)).hasSize(104);
	}

	@Test
	void recordsAreQuotedAsRfc4180Says() throws Exception {
		StringWriter out = new StringWriter();
		ReportAttachments.record(out, Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", "", "cr\r"));
		assertThat(out).hasToString("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\"cr\r\"\r\n");
	}

	@Test
	void bothFiltersMustHold() {
		JsonMapper json = JsonMapper.builder().build();
		JsonNode view = json.readTree("{\"condition\":\"AND\",\"rules\":[]}");
		JsonNode action = json.readTree("{\"condition\":\"OR\",\"rules\":[]}");
		assertThat(ReportAttachments.both(null, null)).isNull();
		assertThat(ReportAttachments.both(view, null)).isSameAs(view);
		assertThat(ReportAttachments.both(null, action)).isSameAs(action);
		JsonNode both = ReportAttachments.both(view, action);
		assertThat(both.get("condition").asString()).isEqualTo("AND");
		assertThat(both.get("rules")).containsExactly(view, action);
	}

}
