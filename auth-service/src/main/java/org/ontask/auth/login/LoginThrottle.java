package org.ontask.auth.login;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Brute-force protection for password sign-in, counted in Redis so every replica agrees:
 * after a few failures for one email, attempts must be spaced out (one second more for
 * each further failure); after more, that email is locked for a while; an address that
 * fails for many emails is locked as well. The answers are the same whether or not the
 * email has an account.
 */
class LoginThrottle extends OncePerRequestFilter {

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

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String email = email(request);
		String address = request.getRemoteAddr();
		if (count(emailKey(email)) >= this.settings.maxFailures()
				|| count(addressKey(address)) >= this.settings.maxFailuresPerAddress()) {
			response.sendRedirect("/login?locked");
			return;
		}
		String wait = this.redis.opsForValue().get(waitKey(email));
		if (wait != null && Instant.now().isBefore(Instant.ofEpochMilli(Long.parseLong(wait)))) {
			response.sendRedirect("/login?wait");
			return;
		}
		chain.doFilter(request, response);
	}

	/** Called by the failure handler. */
	void failed(HttpServletRequest request) {
		String email = email(request);
		long failures = increment(emailKey(email));
		increment(addressKey(request.getRemoteAddr()));
		if (failures >= this.settings.slowDownAfter()) {
			long seconds = failures - this.settings.slowDownAfter() + 1;
			this.redis.opsForValue()
				.set(waitKey(email), Long.toString(Instant.now().plusSeconds(seconds).toEpochMilli()),
						Duration.ofSeconds(seconds));
		}
		if (failures == this.settings.maxFailures()) {
			log.warn("Password sign-in locked for {} after {} failures", email, failures);
		}
	}

	/** Called by the success handler: the account's count starts again. */
	void succeeded(HttpServletRequest request) {
		this.redis.delete(emailKey(email(request)));
		this.redis.delete(waitKey(email(request)));
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

	private static String email(HttpServletRequest request) {
		String email = request.getParameter("email");
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
