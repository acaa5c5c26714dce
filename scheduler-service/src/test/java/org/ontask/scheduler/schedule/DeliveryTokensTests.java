package org.ontask.scheduler.schedule;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTokensTests {

	@Test
	void aTokenIsStoredSealedAndOpenedForTheCommandOnly() {
		DeliveryTokens tokens = new DeliveryTokens("installation secret");
		Map<String, Object> stored = tokens
			.seal(Map.of("targetUrl", "https://lms.example.org/hook", "token", "s3cret"));
		assertThat((String) stored.get("token")).startsWith("sealed:").doesNotContain("s3cret");
		assertThat(tokens.seal(stored)).as("sealed once").isEqualTo(stored);
		assertThat(tokens.open(stored)).containsEntry("token", "s3cret")
			.containsEntry("targetUrl", "https://lms.example.org/hook");
		// another key cannot open it: the command goes without a token
		assertThat(new DeliveryTokens("another secret").open(stored)).doesNotContainKey("token");
		assertThat(tokens.seal(Map.of("emailColumn", "email"))).isEqualTo(Map.of("emailColumn", "email"));
	}

	@Test
	void withoutASecretKeyATokenIsRefused() {
		assertThatThrownBy(() -> new DeliveryTokens("").seal(Map.of("token", "s3cret")))
			.hasMessageContaining("ONTASK_SECRET_KEY is not set");
	}

}
