package org.ontask.action.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of a tracking image's {@code v}: a version byte, the run id, the message (the
 * learner's row id in the run) and an HMAC-SHA256 of those (first 16 bytes), encoded as
 * URL-safe Base64 without padding (44 characters). Only a holder of the key can make one;
 * changing any byte makes it invalid. The run says which column and key column count the
 * read; the message says which learner.
 */
final class TrackingToken {

	private static final byte VERSION = 1;

	private static final int MAC_BYTES = 16;

	private static final int LENGTH = 1 + 8 + 8 + MAC_BYTES;

	private final byte[] key;

	/**
	 * @param secret the installation's secret; the signing key is derived from it for
	 * this use only
	 */
	TrackingToken(String secret) {
		this.key = hmac(secret.getBytes(StandardCharsets.UTF_8),
				"ontask read tracking v1".getBytes(StandardCharsets.UTF_8));
	}

	String sign(long runId, long rowId) {
		ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
		buffer.put(VERSION).putLong(runId).putLong(rowId);
		byte[] mac = hmac(this.key, Arrays.copyOf(buffer.array(), 17));
		buffer.put(mac, 0, MAC_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/**
	 * The message a token names, if it is one this installation signed.
	 * @param token the value from the URL, possibly anything
	 * @return run and row, empty for anything forged, altered or malformed
	 */
	Optional<Message> verify(String token) {
		if (token == null || token.length() != 44) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != LENGTH || bytes[0] != VERSION) {
			return Optional.empty();
		}
		byte[] expected = Arrays.copyOf(hmac(this.key, Arrays.copyOf(bytes, 17)), MAC_BYTES);
		if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, 17, LENGTH))) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, 16);
		return Optional.of(new Message(buffer.getLong(), buffer.getLong()));
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * A tracked message.
	 *
	 * @param runId the run
	 * @param rowId the learner's row id
	 */
	record Message(long runId, long rowId) {

	}

}
