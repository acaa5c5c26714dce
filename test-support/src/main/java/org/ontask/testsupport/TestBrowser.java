package org.ontask.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for tests over real HTTP: keeps cookies, does not follow redirects
 * (so tests see them), and fills in the CSRF token of the last page it loaded when it
 * submits a form, as a browser submitting that page's form would.
 */
public final class TestBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client;

	private String csrfToken;

	/**
	 * A browser for one site.
	 * @param baseUrl e.g. {@code http://localhost:8080}
	 */
	public TestBrowser(String baseUrl) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Loads a page as a browser would ({@code Accept: text/html}).
	 * @param path the path
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
	}

	/**
	 * Calls an API with {@code Accept: application/json}.
	 * @param path the path
	 * @return the response
	 */
	public HttpResponse<String> getJson(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
	}

	/**
	 * Submits a form, adding the CSRF token of the last page loaded.
	 * @param path the form's action
	 * @param fields the fields
	 * @return the response
	 */
	public HttpResponse<String> submit(String path, Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		if (this.csrfToken != null) {
			all.putIfAbsent("_csrf", this.csrfToken);
		}
		String body = all.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a body exactly as given, as another site's form would (no CSRF token added).
	 * @param path the path
	 * @param contentType its content type
	 * @param body the body
	 * @return the response
	 */
	public HttpResponse<String> postRaw(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Sends a JSON body with the CSRF token of the last page loaded in a header.
	 * @param path the path
	 * @param json the body
	 * @return the response
	 */
	public HttpResponse<String> postJson(String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (this.csrfToken != null) {
			request.header("X-CSRF-TOKEN", this.csrfToken);
		}
		return send(request);
	}

	/**
	 * Signs in through the login page.
	 * @param email the email
	 * @param password the password
	 * @return the response to the form submission (a redirect when it worked)
	 */
	public HttpResponse<String> signIn(String email, String password) {
		get("/login");
		return submit("/login", Map.of("email", email, "password", password));
	}

	/**
	 * Sets a cookie for this site, e.g. a {@code SESSION} made by {@link TestSessions}.
	 * @param name the cookie name
	 * @param value its value
	 * @return this browser
	 */
	public TestBrowser withCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.baseUrl + "/"), cookie);
		return this;
	}

	/**
	 * The value of a cookie this browser holds.
	 * @param name the cookie name
	 * @return the value, if any
	 */
	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			Matcher csrf = CSRF.matcher(response.body());
			if (csrf.find()) {
				this.csrfToken = csrf.group(1);
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

}
