package org.ontask.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON client with a browser's session, for the methods {@code TestBrowser} lacks (PUT,
 * DELETE, headers such as {@code If-Match}). Sends the CSRF token of the session's home
 * page, as the site's own scripts would.
 */
final class ApiClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String baseUrl;

	private final String session;

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private String csrf;

	ApiClient(String baseUrl, String session) {
		this.baseUrl = baseUrl;
		this.session = session;
	}

	HttpResponse<String> get(String path) {
		return send("GET", path, null);
	}

	HttpResponse<String> send(String method, String path, String json, String... headers) {
		if (this.csrf == null && !"GET".equals(method)) {
			Matcher token = CSRF.matcher(send("GET", "/", null).body());
			this.csrf = token.find() ? token.group(1) : "";
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json")
			.header("Cookie", "SESSION=" + this.session)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.csrf != null && !this.csrf.isEmpty()) {
			request.header("X-CSRF-TOKEN", this.csrf);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
