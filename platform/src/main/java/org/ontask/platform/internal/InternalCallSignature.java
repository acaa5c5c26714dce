package org.ontask.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over what identifies an internal call: method, path with query, caller,
 * acting user and time. The body is not signed: the headers already bind the call to one
 * user and one minute, and bodies can be large streams.
 */
final class InternalCallSignature {

	static final String CALLER = "X-OnTask-Caller";

	static final String ACTING_USER = "X-OnTask-Acting-User";

	static final String TIMESTAMP = "X-OnTask-Timestamp";

	static final String SIGNATURE = "X-OnTask-Signature";

	private final byte[] key;

	private final Duration window;

	InternalCallSignature(String secret, Duration window) {
		this.key = secret.getBytes(StandardCharsets.UTF_8);
		this.window = window;
	}

	String sign(String method, String pathAndQuery, String caller, String actingUser, long epochSecond) {
		String payload = String.join("\n", method.toUpperCase(java.util.Locale.ROOT), pathAndQuery, caller, actingUser,
				Long.toString(epochSecond));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Why a call is refused, or {@code null} when it is genuine.
	 */
	String refusal(String method, String pathAndQuery, String caller, String actingUser, String timestamp,
			String signature, Instant now) {
		if (caller == null || actingUser == null || timestamp == null || signature == null || caller.isBlank()
				|| actingUser.isBlank()) {
			return "an internal call must name its caller and acting user and be signed";
		}
		long epochSecond;
		try {
			epochSecond = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return "the internal call's timestamp is not a number";
		}
		if (Math.abs(now.getEpochSecond() - epochSecond) > this.window.toSeconds()) {
			return "the internal call's timestamp is outside the accepted window";
		}
		byte[] expected = sign(method, pathAndQuery, caller, actingUser, epochSecond)
			.getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
			return "the internal call's signature is wrong";
		}
		return null;
	}

}
