package org.ontask.action.template;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JSON document templates: values escaped inside strings and typed outside them, so no
 * value can break the document; invalid documents refused with their position.
 */
class JsonTemplatesTests {

	private final MessageTemplates templates = new MessageTemplates(100_000, Duration.ofSeconds(2));

	private final TemplateNames names = new TemplateNames(Set.of("name", "score", "ok", "when"), Set.of("good"),
			Set.of("course"), false, false);

	private String render(String template, Map<String, Object> values) {
		MessageTemplate compiled = this.templates.compileJson(template, this.names);
		return compiled.render(
				new RenderInput(values, Map.of("good", true), Map.of("course", "Phys \"1\""), RenderInput.Macros.NONE));
	}

	@Test
	void valuesCannotBreakTheDocument() {
		Map<String, Object> values = new HashMap<>();
		values.put("name", "a\"b\\c\n</script>{}");
		values.put("score", 1.5);
		values.put("ok", null);
		values.put("when", "2026-01-01");
		String json = render("{\"n\": \"{{ name }}\", \"raw\": {{ name }}, \"s\": {{ score }}, \"ok\": {{ ok }}, "
				+ "\"c\": \"{{ course }}\", \"g\": {{ good }}, \"w\": {{ when }}}", values);
		assertThat(JsonText.problem(json)).isNull();
		JsonNode node = JsonMapper.builder().build().readTree(json);
		assertThat(node.get("n").asString()).isEqualTo("a\"b\\c\n</script>{}");
		assertThat(node.get("raw").asString()).isEqualTo("a\"b\\c\n</script>{}");
		assertThat(node.get("s").asDouble()).isEqualTo(1.5);
		assertThat(node.get("ok").isNull()).isTrue();
		assertThat(node.get("c").asString()).isEqualTo("Phys \"1\"");
		assertThat(node.get("g").asBoolean()).isTrue();
		assertThat(node.get("w").asString()).isEqualTo("2026-01-01");
		assertThat(json).doesNotContain("</script>");
	}

	@Test
	void invalidDocumentsAreRefusedWithTheirPosition() {
		MessageTemplate trailing = this.templates.compileJson("{\n  \"a\": 1,\n}", this.names);
		assertThatThrownBy(() -> JsonText.check(trailing, Map.of())).isInstanceOf(TemplateException.class)
			.hasMessageContaining("not valid JSON at line 3, column 1");
		MessageTemplate conditional = this.templates.compileJson("[{% if good %}1{% else %}{% endif %},2]", this.names);
		assertThatThrownBy(() -> JsonText.check(conditional, Map.of()))
			.hasMessageContaining("with every condition false");
		JsonText.check(this.templates.compileJson("{\"a\": [{{ score }}, \"{{ name }}\"]}", this.names), Map.of());
	}

	@Test
	void theReportIsAnObjectOfListsOfText() {
		assertThat(JsonText.reportOf(List.of("a", "b\""), List.of(Map.of("a", 1, "b\"", true), new HashMap<>())))
			.isEqualTo("{\"a\": [\"1\", null], \"b\\\"\": [\"True\", null]}");
	}

}
