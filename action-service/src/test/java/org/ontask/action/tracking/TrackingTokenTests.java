package org.ontask.action.tracking;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingTokenTests {

	private final TrackingToken tokens = new TrackingToken("the installation's secret");

	@Test
	void aSignedTokenNamesItsRunAndLearnerAndIsUrlSafe() {
		String token = this.tokens.sign(42, 7);
		assertThat(token).hasSize(44).matches("[A-Za-z0-9_-]+");
		assertThat(this.tokens.verify(token)).contains(new TrackingToken.Message(42, 7));
		assertThat(this.tokens.sign(42, 8)).isNotEqualTo(token);
	}

	@Test
	void forgedAlteredOrMalformedTokensAreRefused() {
		String token = this.tokens.sign(42, 7);
		byte[] bytes = Base64.getUrlDecoder().decode(token);
		for (int i = 0; i < bytes.length; i++) {
			byte[] altered = bytes.clone();
			altered[i] ^= 1;
			assertThat(this.tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(altered)))
				.as("byte " + i)
				.isEmpty();
		}
		assertThat(new TrackingToken("another secret").verify(token)).isEmpty();
		assertThat(this.tokens.verify(new TrackingToken("another secret").sign(42, 7))).isEmpty();
		for (String junk : new String[] { null, "", "abc", token + "A", "!".repeat(44), token.substring(1) + "=" }) {
			assertThat(this.tokens.verify(junk)).as(String.valueOf(junk)).isEmpty();
		}
	}

}
