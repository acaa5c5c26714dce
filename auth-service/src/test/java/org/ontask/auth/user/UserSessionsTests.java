package org.ontask.auth.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserSessionsTests {

	private final UserSessions sessions = new UserSessions(null, "ns");

	@Test
	void findsThePrincipalOfAStoredSecurityContext() {
		assertThat(this.sessions
			.principalOf("{\"@class\":\"org.springframework.security.core.context.SecurityContextImpl\","
					+ "\"authentication\":{\"@class\":\"x\",\"principal\":{\"@class\":\"org.springframework.security.core.userdetails.User\","
					+ "\"username\":\"a@example.org\"}}}"))
			.isEqualTo("a@example.org");
		assertThat(this.sessions.principalOf("{\"authentication\":[\"x\",{\"principal\":\"b@example.org\"}]}"))
			.isEqualTo("b@example.org");
		assertThat(this.sessions.principalOf("{\"authentication\":null}")).isNull();
		assertThat(this.sessions.principalOf("not json")).isNull();
	}

}
