package org.ontask.action.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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

	private static final byte VERSION = 1;

	private static final int NONCE = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	TokenCipher(@Value("${ontask.secret-key:}") String secret) {
		this.key = (secret == null || secret.isBlank()) ? null : new SecretKeySpec(derive(secret), "AES");
	}

	/**
	 * Whether a key is configured.
	 * @return whether tokens can be kept
	 */
	public boolean available() {
		return this.key != null;
	}

	/**
	 * Encrypts a token.
	 * @param token the token
	 * @return the stored value
	 */
	public byte[] encrypt(String token) {
		requireKey();
		try {
			byte[] nonce = new byte[NONCE];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
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

	/**
	 * Decrypts a stored token.
	 * @param value the stored value
	 * @return the token
	 * @throws IllegalStateException when it cannot be decrypted (the key changed)
	 */
	public String decrypt(byte[] value) {
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
			throw new IllegalStateException("A run's token is kept encrypted with the installation's secret key, and "
					+ "ONTASK_SECRET_KEY is not set: set it (./ontask start generates one) and start the run again.");
		}
	}

	private static IllegalStateException undecryptable() {
		return new IllegalStateException("The run's token cannot be decrypted with the current ONTASK_SECRET_KEY "
				+ "(was the key changed?): start a new run with the token.");
	}

	// a fixed label separates this key from any other use of the same secret
	private static byte[] derive(String secret) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update("ontask/action/json-run-token/v1\0".getBytes(StandardCharsets.UTF_8));
			return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
