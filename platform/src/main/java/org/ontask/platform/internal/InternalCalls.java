package org.ontask.platform.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;

/**
 * Makes signed calls to another service's {@code /internal/**} endpoints. The acting user
 * is the signed-in user of the current request, or the one named with
 * {@link #actingAs(String, Supplier)} (scheduled and queued work has no request).
 */
public class InternalCalls {

	private static final ThreadLocal<String> ACTING_USER = new ThreadLocal<>();

	private final InternalCallProperties properties;

	private final InternalCallSignature signature;

	private final String caller;

	private final Map<String, String> serviceUrls;

	private final Clock clock;

	InternalCalls(InternalCallProperties properties, InternalCallSignature signature, String caller,
			Map<String, String> serviceUrls, Clock clock) {
		this.properties = properties;
		this.signature = signature;
		this.caller = caller;
		this.serviceUrls = serviceUrls;
		this.clock = clock;
	}

	/**
	 * A client of one service's internal API, with the configured timeouts, that signs
	 * every request.
	 * @param service the service's application name, e.g. {@code dataops-service}, whose
	 * base URL comes from {@code ontask.services.<name>}
	 * @return the client
	 * @throws IllegalStateException when the service has no configured URL
	 */
	public RestClient client(String service) {
		String baseUrl = this.serviceUrls.get(service);
		if (baseUrl == null) {
			throw new IllegalStateException("No URL configured for " + service + " (ontask.services." + service + ")");
		}
		// the JDK client, unlike HttpURLConnection, can send PATCH
		HttpClient http = HttpClient.newBuilder().connectTimeout(this.properties.connectTimeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(this.properties.readTimeout());
		return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).requestInterceptor(new Signer()).build();
	}

	/**
	 * Runs work whose internal calls act for the given user.
	 * @param <T> the result type
	 * @param userEmail the user the calls act for
	 * @param work the work
	 * @return what the work returns
	 */
	public static <T> T actingAs(String userEmail, Supplier<T> work) {
		String previous = ACTING_USER.get();
		ACTING_USER.set(userEmail);
		try {
			return work.get();
		}
		finally {
			if (previous != null) {
				ACTING_USER.set(previous);
			}
			else {
				ACTING_USER.remove();
			}
		}
	}

	private static String actingUser() {
		String explicit = ACTING_USER.get();
		if (explicit != null) {
			return explicit;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
			throw new IllegalStateException("An internal call needs a user to act for: call it while serving a "
					+ "signed-in user or inside InternalCalls.actingAs(...)");
		}
		return authentication.getName();
	}

	private final class Signer implements ClientHttpRequestInterceptor {

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws java.io.IOException {
			if (InternalCalls.this.signature == null) {
				throw new IllegalStateException("Internal calls need ONTASK_INTERNAL_SECRET");
			}
			URI uri = request.getURI();
			String pathAndQuery = (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery()
					: uri.getRawPath();
			String user = actingUser();
			long now = InternalCalls.this.clock.instant().getEpochSecond();
			request.getHeaders().set(InternalCallSignature.CALLER, InternalCalls.this.caller);
			request.getHeaders().set(InternalCallSignature.ACTING_USER, user);
			request.getHeaders().set(InternalCallSignature.TIMESTAMP, Long.toString(now));
			request.getHeaders()
				.set(InternalCallSignature.SIGNATURE, InternalCalls.this.signature.sign(request.getMethod().name(),
						pathAndQuery, InternalCalls.this.caller, user, now));
			return execution.execute(request, body);
		}

	}

}
