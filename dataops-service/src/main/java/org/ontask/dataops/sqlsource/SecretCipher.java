package org.ontask.dataops.sqlsource;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.ontask.dataops.store.DataRejectedException;

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

	private static final byte VERSION = 1;

	private static final int NONCE = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	SecretCipher(@Value("${ontask.secret-key:}") String secret) {
		this.key = (secret == null || secret.isBlank()) ? null : new SecretKeySpec(derive(secret), "AES");
	}

	/**
	 * Whether a key is configured.
	 * @return whether passwords can be stored
	 */
	boolean available() {
		return this.key != null;
	}

	byte[] encrypt(String plain) {
		requireKey();
		try {
			byte[] nonce = new byte[NONCE];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[1 + NONCE + sealed.length];
			out[0] = VERSION;
			System.arraycopy(nonce, 0, out, 1, NONCE);
			System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	String decrypt(byte[] value) {
		requireKey();
		if (value == null || value.length <= 1 + NONCE || value[0] != VERSION) {
			throw undecryptable();
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key,
					new GCMParameterSpec(128, Arrays.copyOfRange(value, 1, 1 + NONCE)));
			return new String(cipher.doFinal(value, 1 + NONCE, value.length - 1 - NONCE), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw undecryptable();
		}
	}

	private void requireKey() {
		if (this.key == null) {
			throw new DataRejectedException("Connection passwords are stored encrypted with the installation's secret "
					+ "key, and ONTASK_SECRET_KEY is not set: set it (./ontask start generates one) and try again.");
		}
	}

	private static DataRejectedException undecryptable() {
		return new DataRejectedException("The stored password of this connection cannot be decrypted with the current "
				+ "ONTASK_SECRET_KEY (was the key changed?): edit the connection and enter the password again.");
	}

	// a fixed label separates this key from any other use of the same secret
	private static byte[] derive(String secret) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update("ontask/dataops/sql-connection-password/v1\0".getBytes(StandardCharsets.UTF_8));
			return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
