package org.ontask.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for dataops-service's {@code GET /internal/workflows/{id}/columns} over real
 * HTTP. It refuses (403) a request whose HMAC signature does not verify with the shared
 * secret, records the acting user of each accepted call, and can be told to be down.
 */
final class DataopsStub {

	private static final Pattern PATH = Pattern.compile("/internal/workflows/(\\d+)/columns");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<Long, List<String>> columns = new ConcurrentHashMap<>();

	volatile boolean down;

	volatile String secret;

	volatile String lastActingUser;

	volatile int refusedUnsigned;

	DataopsStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/internal/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void columns(long workflowId, String... names) {
		this.columns.put(workflowId, List.of(names));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (this.down) {
				send(exchange, 500, Map.of("detail", "down"));
				return;
			}
			var headers = exchange.getRequestHeaders();
			String user = headers.getFirst("X-OnTask-Acting-User");
			if (!signed(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					headers.getFirst("X-OnTask-Caller"), user, headers.getFirst("X-OnTask-Timestamp"),
					headers.getFirst("X-OnTask-Signature"))) {
				this.refusedUnsigned++;
				send(exchange, 403, Map.of("detail", "unsigned"));
				return;
			}
			this.lastActingUser = user;
			Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
			List<String> names = matcher.matches() ? this.columns.get(Long.parseLong(matcher.group(1))) : null;
			if (names == null) {
				send(exchange, 404, Map.of("detail", "no table"));
				return;
			}
			send(exchange, 200,
					names.stream()
						.map((name) -> Map.of("name", name, "type", "string", "key", false, "categories", List.of()))
						.toList());
		}
	}

	private boolean signed(String method, String path, String caller, String user, String timestamp, String signature) {
		if (this.secret == null || caller == null || user == null || timestamp == null || signature == null) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String payload = String.join("\n", method, path, caller, user, timestamp);
			String expected = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
			return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
					signature.getBytes(StandardCharsets.US_ASCII));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
