package org.ontask.platform.secret;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretBoxTests {

	@Test
	void sealsAndOpensWithTheSameSecretAndLabelOnly() {
		SecretBox box = SecretBox.of("installation secret", "ontask/test/v1");
		byte[] sealed = box.seal("p@ss wörd");
		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("p@ss");
		assertThat(box.open(sealed)).hasValue("p@ss wörd");
		assertThat(box.seal("p@ss wörd")).as("a fresh nonce each time").isNotEqualTo(sealed);
		assertThat(SecretBox.of("another secret", "ontask/test/v1").open(sealed)).isEmpty();
		assertThat(SecretBox.of("installation secret", "ontask/other/v1").open(sealed)).isEmpty();
	}

	@Test
	void anAlteredValueOrNoSecretOpensNothing() {
		SecretBox box = SecretBox.of("installation secret", "ontask/test/v1");
		byte[] sealed = box.seal("token");
		sealed[sealed.length - 1] ^= 1;
		assertThat(box.open(sealed)).isEmpty();
		assertThat(box.open(new byte[] { 1, 2 })).isEmpty();
		SecretBox none = SecretBox.of(" ", "ontask/test/v1");
		assertThat(none.available()).isFalse();
		assertThat(none.open(box.seal("x"))).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> none.seal("x"));
	}

}
