package org.ontask.action.importing;

import java.util.List;
import java.util.Optional;

/**
 * The ready-made surveys shipped with the service, as the original's export files under
 * {@code catalogue/surveys/}.
 */
public final class SurveyCatalogue {

	/** The surveys offered. */
	public static final List<Entry> ENTRIES = List.of(
			new Entry("mslq", "MSLQ", "Motivated Strategies for Learning Questionnaire", 44, "mslq_survey.gz"),
			new Entry("spq", "SPQ", "Study Process Questionnaire", 20, "spq_survey.gz"), new Entry("srolq", "SROLQ-R",
					"Self-Regulated Online Learning Questionnaire (revised)", 42, "srolq_r_survey.gz"));

	private SurveyCatalogue() {
	}

	static Optional<Entry> find(String key) {
		return ENTRIES.stream().filter((entry) -> entry.key().equals(key)).findFirst();
	}

	/**
	 * A ready-made survey.
	 *
	 * @param key its address part
	 * @param name its short name
	 * @param title what it is
	 * @param questions how many questions
	 * @param file the export file
	 */
	public record Entry(String key, String name, String title, int questions, String file) {

		String resource() {
			return "catalogue/surveys/" + this.file;
		}

	}

}
