package org.ontask.action.serve;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionType;
import org.ontask.action.dataops.DataColumn;

/**
 * What the "Learner page" section (fragment {@code learner-section}) shows: the settings,
 * the page's address, the visits and, for surveys, the questions.
 */
final class LearnerSectionModel {

	/** How many of the latest visits the section lists. */
	static final int LATEST_VIEWS = 50;

	private LearnerSectionModel() {
	}

	static void add(BiConsumer<String, Object> model, ServeService serve, ActionResponse action,
			List<DataColumn> columns, String email) {
		ServeSettings settings = serve.settings(action.workflowId(), action.id(), email);
		ActionType type = ActionType.fromCode(action.type()).orElseThrow();
		Optional<DataColumn> learnerColumn = ServeService.learnerColumn(settings, columns);
		model.accept("serveSettings", settings);
		model.accept("serveFrom", local(settings.activeFrom()));
		model.accept("serveTo", local(settings.activeTo()));
		model.accept("serveOpen", settings.openAt(Instant.now()));
		model.accept("serveUrl", "/serve/" + action.id());
		model.accept("serveLearnerColumn", learnerColumn.map(DataColumn::name).orElse(null));
		model.accept("serveTextColumns", columns.stream().filter((c) -> "string".equals(c.type())).toList());
		model.accept("serveViews", serve.views(action.workflowId(), action.id(), email, LATEST_VIEWS));
		model.accept("serveSurvey", type.isSurvey());
		if (type.isSurvey()) {
			List<ServeService.QuestionInfo> questions = serve.questions(action.workflowId(), action.id(), email);
			model.accept("questions", questions);
			model.accept("questionColumns",
					columns.stream()
						.filter((c) -> !c.key() && questions.stream().noneMatch((q) -> q.column().equals(c.name())))
						.filter((c) -> learnerColumn.map((l) -> !l.name().equals(c.name())).orElse(true))
						.filter((c) -> type != ActionType.TODO_LIST || "boolean".equals(c.type()))
						.toList());
		}
	}

	/** For a datetime-local input (UTC), empty for none. */
	private static String local(Instant instant) {
		return (instant != null)
				? LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString() : "";
	}

}
