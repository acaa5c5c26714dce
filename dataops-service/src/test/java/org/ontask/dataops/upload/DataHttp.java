package org.ontask.dataops.upload;

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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in HTTP client for the dataops tests: session cookie, the CSRF token read from
 * a page, PUT/POST of raw bodies and multipart forms.
 */
final class DataHttp {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String base;

	private final String session;

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private String csrf;

	DataHttp(String base, String session) {
		this.base = base;
		this.session = session;
	}

	HttpResponse<String> get(String path) {
		return send(request(path).header("Accept", "text/html").GET());
	}

	HttpResponse<String> getJson(String path) {
		return send(request(path).header("Accept", "application/json").GET());
	}

	/** Reads a CSRF token from the workflow's upload page. */
	DataHttp csrfFrom(long workflowId) {
		HttpResponse<String> page = get("/workflows/" + workflowId + "/upload");
		Matcher matcher = CSRF.matcher(page.body());
		if (matcher.find()) {
			this.csrf = matcher.group(1);
		}
		return this;
	}

	HttpResponse<String> put(String path, String contentType, byte[] body) {
		return send(withCsrf(request(path)).header("Content-Type", contentType)
			.header("Accept", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	HttpResponse<String> post(String path, String contentType, byte[] body) {
		return send(withCsrf(request(path)).header("Content-Type", contentType)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	HttpResponse<String> form(String path, Map<String, String> fields) {
		StringBuilder body = new StringBuilder("_csrf=" + enc(this.csrf));
		fields.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	HttpResponse<String> multipart(String path, Map<String, String> fields, String fileName, byte[] file) {
		String boundary = "----ontask" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try {
			for (Map.Entry<String, String> field : fields.entrySet()) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
						+ "\"\r\n\r\n" + field.getValue() + "\r\n")
					.getBytes(StandardCharsets.UTF_8));
			}
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.write(file);
			body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// the token in the URL, as the page's form does
		return send(request(path + "?_csrf=" + enc(this.csrf))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
		return (this.csrf != null) ? request.header("X-CSRF-TOKEN", this.csrf) : request;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Cookie", "SESSION=" + this.session);
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

	private static String enc(String value) {
		return java.net.URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

}
