package org.ontask.gateway.config;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The answers the gateway itself gives (no route, service down): the site's error page
 * for browsers, an RFC 9457 Problem Detail for API clients, as the services do.
 */
public final class ErrorResponses {

	private ErrorResponses() {
	}

	/**
	 * Writes an error answer.
	 * @param exchange the exchange
	 * @param status the status
	 * @param detail what happened, in words for the user
	 * @return completion
	 */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		String path = request.getPath().value();
		byte[] body;
		if (wantsProblem(request, path)) {
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			body = ("{\"type\":\"about:blank\",\"title\":\"" + json(status.getReasonPhrase()) + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + json(detail) + "\",\"instance\":\"" + json(path) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
		}
		else {
			response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
			body = page(status, detail).getBytes(StandardCharsets.UTF_8);
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	static boolean wantsProblem(ServerHttpRequest request, String path) {
		if (path.startsWith("/api/")) {
			return true;
		}
		List<MediaType> accept = request.getHeaders().getAccept();
		boolean html = accept.stream()
			.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
		boolean json = accept.stream()
			.anyMatch((type) -> MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
					|| MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(type));
		return json && !html;
	}

	private static String page(HttpStatus status, String detail) {
		String title = status.value() + " · " + html(status.getReasonPhrase());
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s · OnTask</title>
				<link rel="stylesheet" href="/webjars/bootstrap/css/bootstrap.min.css">
				</head>
				<body class="bg-light">
				<nav class="navbar navbar-dark bg-primary mb-4"><div class="container-fluid">
				<a class="navbar-brand fw-bold" href="/">OnTask</a></div></nav>
				<main class="container"><div class="row justify-content-center"><div class="col-md-8 col-lg-6">
				<div class="card shadow-sm"><div class="card-body">
				<h1 class="h3 card-title">%s</h1>
				<p class="card-text" data-testid="error-detail">%s</p>
				<a href="/" class="btn btn-primary">Back to OnTask</a>
				</div></div></div></div></main>
				</body>
				</html>
				""".formatted(title, title, html(detail));
	}

	private static String html(String text) {
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
