package org.ontask.action.zip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZipFileNamesTests {

	@Test
	void partsNeverHoldPathsOrHiddenOrEmptyNames() {
		assertThat(ZipFileNames.safe("..")).isEqualTo("_");
		assertThat(ZipFileNames.safe("")).isEqualTo("_");
		assertThat(ZipFileNames.safe(null)).isEqualTo("_");
		assertThat(ZipFileNames.safe(" .hidden. ")).isEqualTo("hidden");
		assertThat(ZipFileNames.safe("C:\\Windows\\x")).isEqualTo("C__Windows_x");
		assertThat(ZipFileNames.safe("line\nbreak\u2028")).isEqualTo("line_break_");
		assertThat(ZipFileNames.safe("Zoë O'Neil")).isEqualTo("Zoë O'Neil");
	}

	@Test
	void suffixesEndInHtml() {
		assertThat(ZipFileNames.suffix("")).isEqualTo("feedback.html");
		assertThat(ZipFileNames.suffix("notes")).isEqualTo("notes.html");
		assertThat(ZipFileNames.suffix("notes.HTM")).isEqualTo("notes.HTM");
		assertThat(ZipFileNames.suffix("a/b.html")).isEqualTo("a_b.html");
	}

	@Test
	void namesAreUniqueAndBounded() {
		ZipFileNames names = new ZipFileNames("", false, true);
		assertThat(names.next("k", "n")).isEqualTo("k_n_feedback.html");
		assertThat(names.next("k", "n")).isEqualTo("k_n_2_feedback.html");
		assertThat(names.next("K", "N")).isEqualTo("K_N_3_feedback.html");
		assertThat(names.next("x".repeat(500), "n")).hasSizeLessThanOrEqualTo(200).endsWith("feedback.html");
		ZipFileNames keyOnly = new ZipFileNames("f.html", false, false);
		assertThat(keyOnly.next("123", "ignored")).isEqualTo("123_f.html");
		ZipFileNames moodle = new ZipFileNames("", true, true);
		assertThat(moodle.next("Participant 42", "Ana López"))
			.isEqualTo("Ana López_42_assignsubmission_file_feedback.html");
	}

}
