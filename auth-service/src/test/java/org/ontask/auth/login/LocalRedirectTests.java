package org.ontask.auth.login;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRedirectTests {

	@Test
	void keepsPathsOfThisSite() {
		assertThat(LocalRedirect.orHome("/workflows/3/table?page=2")).isEqualTo("/workflows/3/table?page=2");
	}

	@Test
	void refusesOtherSitesAndOddValues() {
		assertThat(LocalRedirect.orHome("https://evil.example.com/")).isEqualTo("/");
		assertThat(LocalRedirect.orHome("//evil.example.com/")).isEqualTo("/");
		assertThat(LocalRedirect.orHome("/\\evil.example.com")).isEqualTo("/");
		assertThat(LocalRedirect.orHome("/x\r\nSet-Cookie: a=b")).isEqualTo("/");
		assertThat(LocalRedirect.orHome("/login?next=/")).isEqualTo("/");
		assertThat(LocalRedirect.orHome(null)).isEqualTo("/");
		assertThat(LocalRedirect.orHome("")).isEqualTo("/");
	}

}
