package org.ontask.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebPropertiesTests {

	private static WebProperties withAncestors(String ancestors) {
		return new WebProperties(List.of(), "/login", "ontask:auth:token:", ancestors, List.of());
	}

	@Test
	void frameAncestorsAreSitesSeparatedByCommasOrSpaces() {
		assertThat(withAncestors("https://lms.example.edu, https://*.moodle.example.org  http://localhost:9000")
			.frameAncestorList())
			.containsExactly("https://lms.example.edu", "https://*.moodle.example.org", "http://localhost:9000");
		assertThat(withAncestors("").frameAncestorList()).isEmpty();
	}

	@Test
	void aFrameAncestorCannotAddDirectivesOrKeywords() {
		assertThatIllegalArgumentException().isThrownBy(() -> withAncestors("https://lms.example.edu;script-src *"))
			.withMessageContaining("ONTASK_LTI_FRAME_ANCESTORS");
		assertThatIllegalArgumentException().isThrownBy(() -> withAncestors("'unsafe-inline'"));
	}

}
