package org.ontask.platform.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What a request without a signed-in user gets: API clients a 401 Problem Detail,
 * browsers a redirect to the login page that remembers where they were going.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final String loginPage;

	ProblemAuthenticationEntryPoint(String loginPage) {
		this.loginPage = loginPage;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String path = request.getRequestURI();
		if (PlatformErrorController.wantsProblem(request, path)) {
			response.setHeader("WWW-Authenticate", "Bearer");
			writeProblem(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "Sign in or send an API token.",
					path);
			return;
		}
		String target = path + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		response.sendRedirect(this.loginPage + "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
	}

	/**
	 * Writes an RFC 9457 Problem Detail.
	 * @param response the response
	 * @param status the status
	 * @param title the status's title
	 * @param detail what happened, for the caller
	 * @param path the request path
	 * @throws IOException when the response cannot be written
	 */
	static void writeProblem(HttpServletResponse response, int status, String title, String detail, String path)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + jsonEscape(title) + "\",\"status\":" + status
					+ ",\"detail\":\"" + jsonEscape(detail) + "\",\"instance\":\"" + jsonEscape(path) + "\"}");
	}

	private static String jsonEscape(String text) {
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
