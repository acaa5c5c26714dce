package org.ontask.action.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * POSTs JSON documents: a real {@code application/json} body with
 * {@code Authorization: Bearer <token>}, the JDK HTTP client with connect and read
 * timeouts, no redirects followed. A 5xx answer, a time-out or a connection error is
 * tried again after a wait that doubles each time; a 4xx answer is the target's refusal
 * and is not. Every target host (and port) has its own Resilience4j circuit breaker: once
 * most recent calls to it have failed, further documents are not even tried for a while.
 */
@Component
@EnableConfigurationProperties(JsonDeliveryProperties.class)
public class JsonPoster {

	private final JsonDeliveryProperties properties;

	private final HttpClient client;

	private final CircuitBreakerRegistry breakers;

	JsonPoster(JsonDeliveryProperties properties) {
		this.properties = properties;
		// HTTP/1.1: no h2c upgrade dance with plain-http targets
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(Math.max(properties.circuitMinimumCalls(), 10))
			.minimumNumberOfCalls(properties.circuitMinimumCalls())
			.failureRateThreshold(50)
			.waitDurationInOpenState(properties.circuitOpenFor())
			.permittedNumberOfCallsInHalfOpenState(1)
			.build());
	}

	/**
	 * Delivers one document.
	 * @param target where to (already checked by {@link TargetUrls})
	 * @param token the bearer token; null or blank for none
	 * @param json the document
	 * @return what happened
	 */
	public Outcome post(URI target, String token, String json) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(target)
			.timeout(this.properties.readTimeout())
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		if (token != null && !token.isBlank()) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.build();
		CircuitBreaker breaker = this.breakers
			.circuitBreaker(target.getHost() + ":" + ((target.getPort() >= 0) ? target.getPort() : target.getScheme()));
		long backoff = this.properties.backoff().toMillis();
		int attempts = Math.max(1, this.properties.attempts());
		Outcome last = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			if (!breaker.tryAcquirePermission()) {
				return new Outcome(Kind.UNREACHABLE, null,
						"the target has failed too often lately; it is not called for a while (circuit open)");
			}
			long start = System.nanoTime();
			try {
				HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status >= 500) {
					breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new IOException("HTTP " + status));
					last = new Outcome(Kind.FAILED, status, "the target answered HTTP " + status);
				}
				else {
					breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
					if (status >= 200 && status < 300) {
						return new Outcome(Kind.DELIVERED, status, null);
					}
					return new Outcome(Kind.FAILED, status,
							"the target refused the document: HTTP " + status + snippet(response.body()));
				}
			}
			catch (HttpConnectTimeoutException ex) {
				breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
				last = new Outcome(Kind.UNREACHABLE, null,
						"no connection to the target within " + seconds(this.properties.connectTimeout()));
			}
			catch (HttpTimeoutException ex) {
				breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
				last = new Outcome(Kind.FAILED, null,
						"the target did not answer within " + seconds(this.properties.readTimeout()));
			}
			catch (IOException ex) {
				breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
				last = new Outcome(Kind.UNREACHABLE, null, "the target cannot be reached"
						+ ((ex instanceof ConnectException) ? " (connection refused)" : ": " + message(ex)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
			if (attempt < attempts) {
				sleep(backoff);
				backoff *= 2;
			}
		}
		return new Outcome(last.kind(), last.httpStatus(), last.error() + " (tried " + attempts + " times)");
	}

	private static String snippet(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String text = body.strip().replaceAll("\\s+", " ");
		return ": " + ((text.length() > 200) ? text.substring(0, 197) + "..." : text);
	}

	private static String message(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** How a delivery ended. */
	public enum Kind {

		/** The target accepted the document (2xx). */
		DELIVERED,

		/** The target was reached but did not accept it, or did not answer in time. */
		FAILED,

		/** The target could not be reached (or its circuit is open): nothing went out. */
		UNREACHABLE

	}

	/**
	 * The result of one delivery.
	 *
	 * @param kind how it ended
	 * @param httpStatus the target's last HTTP status; null when it did not answer
	 * @param error why it was not delivered; null when it was
	 */
	public record Outcome(Kind kind, Integer httpStatus, String error) {
	}

}
