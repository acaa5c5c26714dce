package org.ontask.launcher;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureComponentTests {

	@Test
	void embedsEverythingWhenNothingExternalIsConfigured() {
		assertThat(InfrastructureComponent.embeddedNeeded(Map.of())).containsExactly(InfrastructureComponent.values());
	}

	@Test
	void embedsOnlyWhatNoExternalServerIsConfiguredFor() {
		Map<String, String> environment = Map.of("ONTASK_DB_URL", "jdbc:postgresql://db:5432/ontask", "ONTASK_AMQP_URL",
				"amqp://guest:guest@mq:5672", "ONTASK_SMTP_HOST", " ");
		assertThat(InfrastructureComponent.embeddedNeeded(environment)).containsExactly(InfrastructureComponent.REDIS,
				InfrastructureComponent.SMTP);
	}

}
