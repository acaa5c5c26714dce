package org.ontask.action.serve;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.ontask.action.dataops.DataColumn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of learner pages that need no server: answer checks, the shuffle's seed, the
 * default learner column and the window.
 */
class ServeServiceTests {

	private static ServeService.Question question(String input, List<String> options) {
		return new ServeService.Question(1, "Q", "c", input, options, "", false);
	}

	@Test
	void answersAreCheckedByTypeAndCategories() {
		assertThat(ServeService.problem(question("integer", List.of()), "12")).isNull();
		assertThat(ServeService.problem(question("integer", List.of()), "1.5")).contains("whole number");
		assertThat(ServeService.problem(question("double", List.of()), "1e3")).isNull();
		assertThat(ServeService.problem(question("double", List.of()), "NaN")).contains("needs a number");
		assertThat(ServeService.problem(question("boolean", List.of()), "yes")).contains("true or false");
		assertThat(ServeService.problem(question("select", List.of("a", "b")), "c")).contains("must be one of a, b");
		assertThat(ServeService.problem(question("text", List.of()), "x".repeat(10_001))).contains("at most");
	}

	@Test
	void theShuffleIsStablePerLearnerAndDiffersBetweenLearners() {
		List<Integer> ana1 = shuffled(3, "ana@example.org");
		assertThat(shuffled(3, "ana@example.org")).isEqualTo(ana1);
		assertThat(shuffled(3, "ANA@example.org")).isEqualTo(ana1);
		assertThat(List.of(shuffled(3, "ben@example.org"), shuffled(3, "cleo@example.org"),
				shuffled(4, "ana@example.org")))
			.anySatisfy((other) -> assertThat(other).isNotEqualTo(ana1));
	}

	private static List<Integer> shuffled(long action, String learner) {
		List<Integer> items = new ArrayList<>(IntStream.range(0, 20).boxed().toList());
		Collections.shuffle(items, new Random(ServeService.seed(action, learner)));
		return items;
	}

	@Test
	void theLearnerColumnIsTheChosenOneElseTheEmailColumn() {
		List<DataColumn> columns = List.of(new DataColumn("sid", "integer", true, List.of()),
				new DataColumn("Email", "string", false, List.of()),
				new DataColumn("uni email", "string", true, List.of()));
		assertThat(ServeService.learnerColumn(ServeSettings.OFF, columns)).get()
			.extracting(DataColumn::name)
			.isEqualTo("Email");
		assertThat(ServeService.learnerColumn(new ServeSettings(true, null, null, "uni email", false), columns)).get()
			.extracting(DataColumn::name)
			.isEqualTo("uni email");
		assertThat(ServeService.learnerColumn(ServeSettings.OFF, columns.subList(0, 1))).isEmpty();
		assertThat(ServeService.learnerColumn(ServeSettings.OFF, List.of(columns.get(2)))).get()
			.extracting(DataColumn::name)
			.isEqualTo("uni email");
	}

	@Test
	void thePageIsOpenOnlyWhenOnAndWithinItsWindow() {
		Instant now = Instant.parse("2026-11-24T12:00:00Z");
		assertThat(new ServeSettings(false, null, null, null, false).openAt(now)).isFalse();
		assertThat(new ServeSettings(true, null, null, null, false).openAt(now)).isTrue();
		assertThat(new ServeSettings(true, now, null, null, false).openAt(now)).isTrue();
		assertThat(new ServeSettings(true, null, now, null, false).openAt(now)).isFalse();
		assertThat(new ServeSettings(true, now.plusSeconds(1), null, null, false).openAt(now)).isFalse();
	}

}
