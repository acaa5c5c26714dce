package org.ontask.action.template;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTemplatesTests {

	private final MessageTemplates templates = new MessageTemplates(10_000, Duration.ofSeconds(2));

	private final TemplateNames names = new TemplateNames(
			Set.of("Given name", "Days online", "Score", "Q1.score", "2nd try", "Note", "my_col"),
			Set.of("Low engagement", "Passed"), Set.of("Course"), false, false);

	private final Map<String, Object> row = new HashMap<>(Map.of("Given name", "Ana", "Days online", 3L, "Score", 72.5,
			"Q1.score", 4L, "2nd try", true, "my_col", "x", "Note", "<script>alert('x')</script> & co"));

	private final Map<String, Boolean> truth = Map.of("Low engagement", true, "Passed", false);

	private String html(String template) {
		return this.templates.compile(template, true, this.names)
			.render(new RenderInput(this.row, this.truth, Map.of("Course", "Physics & <Maths>"),
					RenderInput.Macros.NONE));
	}

	private String text(String template) {
		return this.templates.compile(template, false, this.names)
			.render(new RenderInput(this.row, this.truth, Map.of("Course", "Physics & <Maths>"),
					RenderInput.Macros.NONE));
	}

	@Test
	void printsColumnsWhoseNamesHaveSpacesAndSymbols() {
		assertThat(html("<p>Dear {{ Given name }}, {{ Days online }} days, {{ Q1.score }} {{ 2nd try }} "
				+ "{{ Score }} {{ my_col }}</p>"))
			.isEqualTo("<p>Dear Ana, 3 days, 4 True 72.5 x</p>");
	}

	@Test
	void choosesParagraphsByCondition() {
		String template = "Hi\n{% if Low engagement %}Log in more.{% else %}Well done.{% endif %}\n"
				+ "{% if Passed %}Passed{% else %}Not yet{% endif %}";
		assertThat(html(template)).isEqualTo("HiLog in more.Not yet");
	}

	@Test
	void nestedConditions() {
		assertThat(html("{% if Low engagement %}a{% if Passed %}b{% else %}c{% endif %}d{% endif %}")).isEqualTo("acd");
	}

	@Test
	void escapesValuesInHtmlButNotInPlainText() {
		assertThat(html("{{ Note }}")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
		assertThat(text("{{ Note }}")).isEqualTo("<script>alert('x')</script> & co");
		assertThat(html("{{ Course }}")).isEqualTo("Physics &amp; &lt;Maths&gt;");
	}

	@Test
	void attributesWinOverColumnsAndConditionsPrintAsTruth() {
		assertThat(text("{{ Course }} {{ Passed }}")).isEqualTo("Physics & <Maths> False");
	}

	@Test
	void namesEscapedByTheEditorAreDecoded() {
		TemplateNames withAmp = new TemplateNames(Set.of("A & B"), Set.of(), Set.of(), false, false);
		assertThat(this.templates.compile("{{ A &amp; B }}", true, withAmp)
			.render(new RenderInput(Map.of("A & B", "ok"), Map.of(), Map.of(), RenderInput.Macros.NONE)))
			.isEqualTo("ok");
	}

	@Test
	void missingValuesPrintAsNothing() {
		this.row.put("Score", null);
		assertThat(html("[{{ Score }}]")).isEqualTo("[]");
	}

	@Test
	void unknownNamesAreRefusedWithTheirPosition() {
		assertThatThrownBy(() -> html("Hello\n  {{ Surname }}")).isInstanceOf(TemplateException.class)
			.hasMessageContaining("\"Surname\" is not a column, attribute or condition")
			.hasMessageContaining("line 2, column 3");
		assertThatThrownBy(() -> html("{% if Given name %}x{% endif %}"))
			.hasMessageContaining("\"Given name\" is not a condition");
	}

	@Test
	void syntaxErrorsAreRefusedWithTheirPosition() {
		assertThatThrownBy(() -> html("ab {{ Score ")).hasMessageContaining("not closed")
			.hasMessageContaining("line 1, column 4");
		assertThatThrownBy(() -> html("{% if Passed %}x")).hasMessageContaining("not closed with \"{% endif %}\"");
		assertThatThrownBy(() -> html("x{% endif %}")).hasMessageContaining("without");
		assertThatThrownBy(() -> html("{% if Passed %}{% else %}{% else %}{% endif %}")).hasMessageContaining("second");
		assertThatThrownBy(() -> html("{{  }}")).hasMessageContaining("missing");
	}

	@Test
	void javaObjectsCannotBeReached() {
		assertThatThrownBy(() -> html("{{ ''.getClass() }}")).isInstanceOf(TemplateException.class)
			.hasMessageContaining("cannot contain quotes");
		assertThatThrownBy(() -> html("{{ Score.getClass().forName(\"java.lang.Runtime\") }}"))
			.isInstanceOf(TemplateException.class);
		assertThatThrownBy(() -> html("{{ Given name.class }}")).hasMessageContaining("is not a column");
	}

	@Test
	void filesCannotBeIncludedNorOtherTagsUsed() {
		assertThatThrownBy(() -> html("{% include '/etc/passwd' %}")).isInstanceOf(TemplateException.class)
			.hasMessageContaining("is not allowed");
		for (String tag : List.of("{% for i in range(0, 100000000) %}x{% endfor %}", "{% set x = 1 %}",
				"{% import 'x' %}", "{% extends 'x' %}", "{% macro m() %}{% endmacro %}", "{% verbatim %}",
				"{% load static %}", "{% with a=1 %}")) {
			assertThatThrownBy(() -> html(tag)).as(tag)
				.isInstanceOf(TemplateException.class)
				.hasMessageContaining("is not allowed");
		}
	}

	@Test
	void theEnginesOwnSyntaxInTheTextIsPrintedAsIs() {
		assertThat(html("{# not a comment #} { {{ Score }} }")).isEqualTo("{# not a comment #} { 72.5 }");
		assertThatThrownBy(() -> html("a\uE001 v0 \uE001")).hasMessageContaining("U+E001");
	}

	@Test
	void hugeOutputIsStopped() {
		String template = "{{ Note }}".repeat(2_000);
		assertThatThrownBy(() -> html(template)).isInstanceOf(TemplateException.class)
			.hasMessageContaining("longer than");
	}

	@Test
	void hugeTemplatesAreRefused() {
		assertThatThrownBy(() -> html("x".repeat(MessageTemplates.MAX_TEMPLATE_CHARS + 1)))
			.hasMessageContaining("longer than");
	}

	@Test
	void macrosOnlyWhereTheActionTypeAllowsThem() {
		assertThatThrownBy(() -> html("{% ot_insert_report \"Score\" %}"))
			.hasMessageContaining("only be used in an email or JSON report");
		assertThatThrownBy(() -> html("{% ot_insert_rubric_feedback %}")).hasMessageContaining("rubric");
		TemplateNames report = new TemplateNames(Set.of("Score", "Given name"), Set.of(), Set.of(), true, false);
		MessageTemplate compiled = this.templates
			.compile("<h1>Report</h1>{% ot_insert_report \"Given name\" \"Score\" %}", true, report);
		assertThat(compiled.columns()).containsExactly("Given name", "Score");
		String out = compiled.render(new RenderInput(Map.of(), Map.of(), Map.of(), new RenderInput.Macros() {
			@Override
			public String report(List<String> columns) {
				return "<table>" + String.join("|", columns) + "</table>";
			}
		}));
		assertThat(out).isEqualTo("<h1>Report</h1><table>Given name|Score</table>");
		assertThatThrownBy(() -> this.templates.compile("{% ot_insert_report \"Nope\" %}", true, report))
			.hasMessageContaining("\"Nope\" is not a column");
		assertThatThrownBy(() -> this.templates.compile("{% ot_insert_report Score %}", true, report))
			.hasMessageContaining("double quotes");
	}

	@Test
	void reportsWhatTheTemplateUses() {
		MessageTemplate compiled = this.templates.compile("{{ Score }}{% if Passed %}{{ Course }}{% endif %}", true,
				this.names);
		assertThat(compiled.columns()).containsExactly("Score");
		assertThat(compiled.conditions()).containsExactly("Passed");
		assertThat(compiled.attributes()).containsExactly("Course");
	}

	@Test
	void aRenamedColumnIsRewrittenOnlyWhereTheParserSeesAReference() {
		String text = "<p>{{ Score }} and {{Score}}, not Score nor {{ Scores }}; {% if Score %}x{% endif %}</p>"
				+ "{% ot_insert_report \"Name\" \"Score\" %}";
		assertThat(MessageTemplates.renameColumn(text, true, "Score", "Final & mark", Set.of()))
			.isEqualTo("<p>{{ Final &amp; mark }} and {{ Final &amp; mark }}, not Score nor {{ Scores }}; "
					+ "{% if Score %}x{% endif %}</p>{% ot_insert_report \"Name\" \"Final &amp; mark\" %}");
		assertThat(MessageTemplates.renameColumn("Hi {{ Score }}", false, "Score", "Final & mark", Set.of()))
			.isEqualTo("Hi {{ Final & mark }}");
		// an attribute of the same name wins in {{ }}, so it stays
		assertThat(MessageTemplates.renameColumn("{{ Score }}", false, "Score", "Mark", Set.of("Score")))
			.isEqualTo("{{ Score }}");
		// a template that does not parse is left alone rather than half rewritten
		assertThat(MessageTemplates.renameColumn("{{ Score }} {% for %}", false, "Score", "Mark", Set.of()))
			.isEqualTo("{{ Score }} {% for %}");
		assertThat(MessageTemplates.referencedNames(text, true)).containsExactly("Score", "Scores", "Name");
	}

}
