package org.ontask.dataops.sqlsource;

import org.ontask.dataops.store.DataRejectedException;

import org.ontask.platform.secret.SecretBox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts stored connection passwords with AES-256-GCM under a key derived from
 * {@code ontask.secret-key} ({@code ONTASK_SECRET_KEY}). A value is a version byte, a
 * random 12-byte nonce and the ciphertext with its tag, so a changed key or a tampered
 * value fails to decrypt rather than yielding garbage.
 */
@Component
class SecretCipher {

	private final SecretBox box;

	SecretCipher(@Value("${ontask.secret-key:}") String secret) {
		this.box = SecretBox.of(secret, "ontask/dataops/sql-connection-password/v1");
	}

	/**
	 * Whether a key is configured.
	 * @return whether values can be kept
	 */
	boolean available() {
		return this.box.available();
	}

	byte[] encrypt(String plain) {
		requireKey();
		return this.box.seal(plain);
	}

	String decrypt(byte[] value) {
		requireKey();
		return this.box.open(value)
			.orElseThrow(() -> new DataRejectedException(
					"The stored password of this connection cannot be decrypted with the current "
							+ "ONTASK_SECRET_KEY (was the key changed?): edit the connection and enter the password again."));
	}

	private void requireKey() {
		if (!this.box.available()) {
			throw new DataRejectedException("Connection passwords are stored encrypted with the installation's secret "
					+ "key, and ONTASK_SECRET_KEY is not set: set it (./ontask start generates one) and try again.");
		}
	}

}
