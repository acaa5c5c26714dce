package org.ontask.platform.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a short secret (a password, a bearer token) for storage: AES-256-GCM under a key
 * derived from the installation's secret ({@code ONTASK_SECRET_KEY}) and a label naming
 * the use, so one secret never yields the same key for two uses. A sealed value is a
 * version byte, a random 12-byte nonce and the ciphertext with its tag. The callers word
 * the errors, since they know what the user must do.
 */
public final class SecretBox {

	private static final byte VERSION = 1;

	private static final int NONCE = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	private SecretBox(SecretKeySpec key) {
		this.key = key;
	}

	/**
	 * A box for one use of the installation's secret.
	 * @param secret the installation's secret; blank when none is configured
	 * @param label the use, e.g. {@code ontask/dataops/sql-connection-password/v1}
	 * @return the box ({@link #available()} is false without a secret)
	 */
	public static SecretBox of(String secret, String label) {
		return new SecretBox(
				(secret == null || secret.isBlank()) ? null : new SecretKeySpec(derive(secret, label), "AES"));
	}

	/**
	 * Whether a secret is configured.
	 * @return whether values can be sealed and opened
	 */
	public boolean available() {
		return this.key != null;
	}

	/**
	 * Seals a value.
	 * @param plain the value
	 * @return what to store
	 * @throws IllegalStateException without a secret (check {@link #available()} first)
	 */
	public byte[] seal(String plain) {
		if (this.key == null) {
			throw new IllegalStateException("No ONTASK_SECRET_KEY: nothing can be sealed");
		}
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

	/**
	 * Opens a sealed value.
	 * @param value what was stored
	 * @return the value; empty when there is no secret, or when it cannot be opened with
	 * this one (the secret changed, or the value was altered)
	 */
	public Optional<String> open(byte[] value) {
		if (this.key == null || value == null || value.length <= 1 + NONCE || value[0] != VERSION) {
			return Optional.empty();
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key,
					new GCMParameterSpec(128, Arrays.copyOfRange(value, 1, 1 + NONCE)));
			return Optional
				.of(new String(cipher.doFinal(value, 1 + NONCE, value.length - 1 - NONCE), StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
	}

	private static byte[] derive(String secret, String label) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update((label + "\0").getBytes(StandardCharsets.UTF_8));
			return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
