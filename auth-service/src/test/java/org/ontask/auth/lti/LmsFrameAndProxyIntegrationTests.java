package org.ontask.auth.lti;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccountService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an installation behind a single-sign-on proxy and inside an LMS frame needs:
 * trusted-header sign-in (from the trusted forwarder only), launch pages an LMS may frame
 * (and no others), a {@code SameSite=None; Secure} session cookie, and the per-address
 * sign-in lock keyed on the address the gateway reports. Requests are sent from chosen
 * loopback addresses: 127.0.0.2 is the trusted forwarder, 127.0.0.1 anyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth.trusted-header.enabled=true", "auth.trusted-header.forwarders=127\\.0\\.0\\.2",
				"ontask.web.frame-ancestors=https://lms.example.edu", "server.servlet.session.cookie.same-site=none",
				"server.servlet.session.cookie.secure=true", "auth.login.max-failures-per-address=4" })
@ActiveProfiles("test")
class LmsFrameAndProxyIntegrationTests {

	private static final Pattern SESSION = Pattern.compile("(?im)^Set-Cookie: SESSION=([^;\\r\\n]+)(.*)$");

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccountService accounts;

	/**
	 * An HTTP/1.1 exchange over a socket bound to a local address: status line, headers,
	 * body.
	 */
	private String send(String from, String method, String path, Map<String, String> headers, String body)
			throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(30000);
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAccept: text/html\r\nConnection: close\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			if (body != null) {
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("\r\n");
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().write(content);
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private String get(String from, String path, Map<String, String> headers) throws IOException {
		return send(from, "GET", path, headers, null);
	}

	private static String session(String response) {
		Matcher matcher = SESSION.matcher(response);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static int status(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

	private static String header(String response, String name) {
		Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + ": (.*)$").matcher(response);
		return matcher.find() ? matcher.group(1).strip() : null;
	}

	@Test
	void theTrustedHeaderSignsInOnlyWhenItComesFromTheTrustedForwarder() throws IOException {
		String email = "sso-" + UUID.randomUUID() + "@example.org";
		String untrusted = get("127.0.0.1", "/account", Map.of("X-Remote-User", email));
		assertThat(status(untrusted)).isEqualTo(302);
		assertThat(header(untrusted, "Location")).startsWith("/login?next=");
		String forged = get("127.0.0.1", "/account", Map.of("X-Remote-User", email, "X-Forwarded-For", "127.0.0.2"));
		// (a redirect of a forwarded request is a 303)
		assertThat(status(forged)).isIn(302, 303);
		assertThat(header(forged, "Location")).startsWith("/login?next=");
		assertThat(this.accounts.findByEmail(email)).isEmpty();

		String before = session(get("127.0.0.2", "/login", Map.of()));
		assertThat(before).isNotNull();
		String signedIn = get("127.0.0.2", "/account",
				Map.of("X-Remote-User", " " + email.toUpperCase() + " ", "Cookie", "SESSION=" + before));
		assertThat(status(signedIn)).as(signedIn).isEqualTo(200);
		assertThat(signedIn).contains(email).contains("LEARNER");
		String after = session(signedIn);
		assertThat(after).isNotNull().isNotEqualTo(before);
		assertThat(this.accounts.findByEmail(email).orElseThrow().getRoles()).containsExactly(Role.LEARNER);

		// the same person again: the session goes on, no new one
		String again = get("127.0.0.2", "/account", Map.of("X-Remote-User", email, "Cookie", "SESSION=" + after));
		assertThat(status(again)).isEqualTo(200);
		assertThat(session(again)).isNull();
		// not an email: ignored
		assertThat(status(get("127.0.0.2", "/account", Map.of("X-Remote-User", "<script>")))).isEqualTo(302);
	}

	@Test
	void launchPagesMayBeFramedByTheLmsAndNoOtherPage() throws Exception {
		String email = "framed-" + UUID.randomUUID() + "@example.org";
		Map<String, String> params = LtiLaunchIntegrationTests.launch(email, "Learner");
		params.put("custom_ontask_target", "/account");
		String body = LtiLaunchIntegrationTests.sign("http://localhost:" + this.port + "/lti/launch", "ontask-test",
				"s3cret-lms", params, null);
		String launched = send("127.0.0.1", "POST", "/lti/launch",
				Map.of("Content-Type", "application/x-www-form-urlencoded"), body);
		assertThat(status(launched)).as(launched).isEqualTo(302);
		assertThat(header(launched, "Content-Security-Policy"))
			.contains("frame-ancestors 'self' https://lms.example.edu");
		assertThat(header(launched, "X-Frame-Options")).isNull();
		Matcher cookie = SESSION.matcher(launched);
		assertThat(cookie.find()).isTrue();
		assertThat(cookie.group(2)).contains("SameSite=None").contains("Secure").contains("HttpOnly");
		String session = cookie.group(1);

		String landing = get("127.0.0.1", "/account", Map.of("Cookie", "SESSION=" + session));
		assertThat(status(landing)).isEqualTo(200);
		assertThat(header(landing, "Content-Security-Policy"))
			.contains("frame-ancestors 'self' https://lms.example.edu");
		assertThat(header(landing, "X-Frame-Options")).isNull();

		for (String response : List.of(get("127.0.0.1", "/account/elsewhere", Map.of("Cookie", "SESSION=" + session)),
				get("127.0.0.1", "/login", Map.of()))) {
			assertThat(header(response, "Content-Security-Policy")).endsWith("frame-ancestors 'self'")
				.doesNotContain("lms.example.edu");
			assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
		}
		// a refused launch says why inside the LMS frame too
		String refused = send("127.0.0.1", "POST", "/lti/launch",
				Map.of("Content-Type", "application/x-www-form-urlencoded"), body);
		assertThat(status(refused)).isEqualTo(403);
		assertThat(header(refused, "Content-Security-Policy")).contains("https://lms.example.edu");
	}

	@Test
	void theAddressLockCountsTheAddressTheGatewayReports() throws IOException {
		for (int i = 0; i < 4; i++) {
			String failed = signIn("guess-" + i + "-" + UUID.randomUUID() + "@example.org", "198.51.100.77");
			assertThat(header(failed, "Location")).isEqualTo("/login?error");
		}
		assertThat(header(signIn("fresh-" + UUID.randomUUID() + "@example.org", "198.51.100.77"), "Location"))
			.isEqualTo("/login?locked");
		// another client is not locked out with it
		assertThat(header(signIn("fresh-" + UUID.randomUUID() + "@example.org", "198.51.100.78"), "Location"))
			.isEqualTo("/login?error");
	}

	/** A password sign-in as relayed by the gateway for a client at the given address. */
	private String signIn(String email, String clientAddress) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Forwarded-For", clientAddress);
		String page = get("127.0.0.1", "/login", headers);
		Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).isTrue();
		headers.put("Cookie", "SESSION=" + session(page));
		headers.put("Content-Type", "application/x-www-form-urlencoded");
		return send("127.0.0.1", "POST", "/login", headers,
				"email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=wrong&_csrf="
						+ java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
	}

}
