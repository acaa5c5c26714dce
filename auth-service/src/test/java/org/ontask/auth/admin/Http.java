package org.ontask.auth.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shared {@code TestBrowser} does not do: JSON with any method, and multipart
 * uploads, sent with a session cookie and (when given) its CSRF token.
 */
final class Http {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String baseUrl;

	private final String session;

	private final String csrf;

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	Http(String baseUrl, String session, String csrf) {
		this.baseUrl = baseUrl;
		this.session = session;
		this.csrf = csrf;
	}

	/** The CSRF token in a page, or null. */
	static String csrfOf(String page) {
		Matcher matcher = CSRF.matcher(page);
		return matcher.find() ? matcher.group(1) : null;
	}

	HttpResponse<String> json(String method, String path, String body) {
		HttpRequest.Builder request = request(path).header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return send(request);
	}

	HttpResponse<String> upload(String path, Map<String, String> fields, String fileName, byte[] file) {
		String boundary = "----ontask" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n"));
		if (this.csrf != null) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + this.csrf
					+ "\r\n");
		}
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: text/csv\r\n\r\n");
		body.writeBytes(file);
		write(body, "\r\n--" + boundary + "--\r\n");
		// as a browser's form: the token only in the body, no header
		return send(request(path, false).header("Accept", "text/html")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private HttpRequest.Builder request(String path) {
		return request(path, true);
	}

	private HttpRequest.Builder request(String path, boolean csrfHeader) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60));
		if (this.session != null) {
			request.header("Cookie", "SESSION=" + this.session);
		}
		if (this.csrf != null && csrfHeader) {
			request.header("X-CSRF-TOKEN", this.csrf);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
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

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
