package org.ontask.auth.lti;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.imsglobal.lti.launch.LtiOauthVerifier;
import org.imsglobal.lti.launch.LtiVerificationException;
import org.imsglobal.lti.launch.LtiVerificationResult;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks a launch in this order: a launch request, a known consumer key, a timestamp
 * inside the window, a valid signature over the URL the LMS posted to, and a nonce not
 * seen before in the window (remembered in Redis, which basiclti-util does not do, so a
 * captured launch cannot be replayed).
 */
@Component
class LtiLaunchVerifier {

	private final LtiProperties properties;

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final Clock clock;

	@Autowired
	LtiLaunchVerifier(LtiProperties properties, StringRedisTemplate redis,
			@org.springframework.beans.factory.annotation.Value("${ontask.redis.key-prefix:auth:}") String keyPrefix) {
		this(properties, redis, keyPrefix, Clock.systemUTC());
	}

	LtiLaunchVerifier(LtiProperties properties, StringRedisTemplate redis, String keyPrefix, Clock clock) {
		this.properties = properties;
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.clock = clock;
	}

	void verify(Map<String, String> launch, String url) {
		if (!"basic-lti-launch-request".equals(launch.get("lti_message_type"))) {
			throw new LaunchRefusedException("This is not an LTI launch request.");
		}
		String key = launch.get("oauth_consumer_key");
		String secret = (key != null) ? this.properties.secrets().get(key) : null;
		if (secret == null) {
			throw new LaunchRefusedException("The consumer key of this launch is not known to OnTask.");
		}
		Duration window = this.properties.timestampWindow();
		long timestamp;
		try {
			timestamp = Long.parseLong(launch.getOrDefault("oauth_timestamp", ""));
		}
		catch (NumberFormatException ex) {
			throw new LaunchRefusedException("The launch has no valid timestamp.");
		}
		Duration age = Duration.between(Instant.ofEpochSecond(timestamp), this.clock.instant()).abs();
		if (age.compareTo(window) > 0) {
			throw new LaunchRefusedException("The launch is too old (its timestamp is outside the allowed "
					+ window.toMinutes() + " minutes). Launch again from the course site.");
		}
		LtiVerificationResult result;
		try {
			result = new LtiOauthVerifier().verifyParameters(launch, url, "POST", secret);
		}
		catch (LtiVerificationException ex) {
			throw new LaunchRefusedException("The launch signature could not be checked.");
		}
		if (!Boolean.TRUE.equals(result.getSuccess())) {
			// the library's message lists every parameter; it is never shown or logged
			throw new LaunchRefusedException("The launch signature is not valid.");
		}
		String nonce = launch.get("oauth_nonce");
		if (nonce == null || nonce.isBlank()) {
			throw new LaunchRefusedException("The launch has no nonce.");
		}
		Boolean first = this.redis.opsForValue()
			.setIfAbsent(this.keyPrefix + "lti:nonce:" + key + ":" + nonce, "1", window.multipliedBy(2));
		if (!Boolean.TRUE.equals(first)) {
			throw new LaunchRefusedException("This launch was already used. Launch again from the course site.");
		}
	}

}
