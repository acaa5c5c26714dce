package org.ontask.action.delivery;

import org.ontask.platform.secret.SecretBox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the bearer token of a JSON run encrypted (AES-256-GCM, key derived from
 * {@code ontask.secret-key}, i.e. {@code ONTASK_SECRET_KEY}) while the run needs it: a
 * queued or paused run must be able to go on after a restart. The run erases it when it
 * ends. A value is a version byte, a random 12-byte nonce and the ciphertext with its
 * tag.
 */
@Component
public class TokenCipher {

	private final SecretBox box;

	TokenCipher(@Value("${ontask.secret-key:}") String secret) {
		this.box = SecretBox.of(secret, "ontask/action/json-run-token/v1");
	}

	/**
	 * Whether a key is configured.
	 * @return whether values can be kept
	 */
	public boolean available() {
		return this.box.available();
	}

	public byte[] encrypt(String plain) {
		requireKey();
		return this.box.seal(plain);
	}

	public String decrypt(byte[] value) {
		requireKey();
		return this.box.open(value)
			.orElseThrow(() -> new IllegalStateException(
					"The run's token cannot be decrypted with the current ONTASK_SECRET_KEY "
							+ "(was the key changed?): start a new run with the token."));
	}

	private void requireKey() {
		if (!this.box.available()) {
			throw new IllegalStateException("A run's token is kept encrypted with the installation's secret key, and "
					+ "ONTASK_SECRET_KEY is not set: set it (./ontask start generates one) and start the run again.");
		}
	}

}
