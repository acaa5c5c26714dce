package org.ontask.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for everything that checks a password (the sign-in form and HTTP
 * Basic on the token endpoint), counted in Redis so every replica agrees: after a few
 * failures for one email, attempts must be spaced out (one second more for each further
 * failure); after more, that email is locked for a while; an address that fails for many
 * emails is locked as well. The answers are the same whether or not the email has an
 * account.
 * <p>
 * The address is {@link HttpServletRequest#getRemoteAddr()}: behind the gateway, the
 * single {@code X-Forwarded-For} address the gateway sets from the connection it received
 * (the right-most address that is not one of its trusted proxies), which a client cannot
 * choose by sending its own {@code X-Forwarded-For}.
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final StringRedisTemplate redis;

	private final Settings settings;

	private final String prefix;

	LoginThrottle(StringRedisTemplate redis, Settings settings,
			@Value("${ontask.redis.key-prefix:auth:}") String prefix) {
		this.redis = redis;
		this.settings = settings;
		this.prefix = prefix + "login:";
	}

	/**
	 * Whether a password may be checked for this email from this request's address now.
	 * @param email the email tried
	 * @param request the request
	 * @return the decision
	 */
	public Decision check(String email, HttpServletRequest request) {
		String normalised = normalise(email);
		if (count(emailKey(normalised)) >= this.settings.maxFailures()
				|| count(addressKey(request.getRemoteAddr())) >= this.settings.maxFailuresPerAddress()) {
			return new Decision(Outcome.LOCKED, this.settings.lockFor());
		}
		String wait = this.redis.opsForValue().get(waitKey(normalised));
		if (wait != null) {
			Duration left = Duration.between(Instant.now(), Instant.ofEpochMilli(Long.parseLong(wait)));
			if (!left.isNegative() && !left.isZero()) {
				return new Decision(Outcome.WAIT, left);
			}
		}
		return new Decision(Outcome.ALLOWED, Duration.ZERO);
	}

	/**
	 * Counts a wrong password (or an unknown email).
	 * @param email the email tried
	 * @param request the request
	 */
	public void failed(String email, HttpServletRequest request) {
		String normalised = normalise(email);
		long failures = increment(emailKey(normalised));
		increment(addressKey(request.getRemoteAddr()));
		if (failures >= this.settings.slowDownAfter()) {
			long seconds = failures - this.settings.slowDownAfter() + 1;
			this.redis.opsForValue()
				.set(waitKey(normalised), Long.toString(Instant.now().plusSeconds(seconds).toEpochMilli()),
						Duration.ofSeconds(seconds));
		}
		if (failures == this.settings.maxFailures()) {
			log.warn("Password sign-in locked for {} after {} failures", normalised, failures);
		}
	}

	/**
	 * Called after a right password: the account's count starts again.
	 * @param email the email
	 */
	public void succeeded(String email) {
		String normalised = normalise(email);
		this.redis.delete(emailKey(normalised));
		this.redis.delete(waitKey(normalised));
	}

	private long increment(String key) {
		Long value = this.redis.opsForValue().increment(key);
		if (value != null && value == 1) {
			this.redis.expire(key, this.settings.lockFor());
		}
		return (value != null) ? value : 0;
	}

	private long count(String key) {
		String value = this.redis.opsForValue().get(key);
		return (value != null) ? Long.parseLong(value) : 0;
	}

	static String normalise(String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : "";
	}

	private String emailKey(String email) {
		return this.prefix + "failures:email:" + email;
	}

	private String addressKey(String address) {
		return this.prefix + "failures:address:" + address;
	}

	private String waitKey(String email) {
		return this.prefix + "wait:" + email;
	}

	/** What the throttle says about an attempt. */
	public enum Outcome {

		/** Check the password. */
		ALLOWED,

		/** Too soon after the last failure for this email. */
		WAIT,

		/** The email or the address is locked. */
		LOCKED

	}

	/**
	 * The throttle's answer.
	 *
	 * @param outcome whether to check the password
	 * @param retryAfter how long until it may be tried again
	 */
	public record Decision(Outcome outcome, Duration retryAfter) {

		/**
		 * Whether the password may be checked.
		 * @return true when allowed
		 */
		public boolean allowed() {
			return this.outcome == Outcome.ALLOWED;
		}

	}

	/**
	 * Sign-in throttling, prefix {@code auth.login}.
	 *
	 * @param slowDownAfter failures for one email after which attempts must be spaced out
	 * @param maxFailures failures for one email that lock it
	 * @param maxFailuresPerAddress failures from one address that lock it
	 * @param lockFor how long failures are remembered, and so how long a lock lasts
	 */
	@ConfigurationProperties("auth.login")
	record Settings(@DefaultValue("3") int slowDownAfter, @DefaultValue("10") int maxFailures,
			@DefaultValue("50") int maxFailuresPerAddress, @DefaultValue("15m") Duration lockFor) {

	}

}
