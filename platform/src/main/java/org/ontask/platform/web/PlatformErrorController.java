package org.ontask.platform.web;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders every error of a service: RFC 9457 Problem Details for API clients
 * ({@code /api/**} or a JSON {@code Accept} header), the site's error page for browsers.
 * Server errors never show their cause; client errors show the message their code chose.
 */
@org.springframework.stereotype.Controller
@RequestMapping("${server.error.path:/error}")
class PlatformErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(PlatformErrorController.class);

	@RequestMapping
	Object error(HttpServletRequest request) {
		HttpStatus status = status(request);
		String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path == null) {
			path = request.getRequestURI();
		}
		String detail = detail(request, status);
		if (status.is5xxServerError()) {
			Object cause = exception(request);
			log.error("Request {} {} failed with {}", request.getMethod(), path, status.value(), cause);
		}
		if (wantsProblem(request, path)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
			problem.setInstance(URI.create(path));
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error",
				Map.of("status", status.value(), "title", status.getReasonPhrase(), "detail", detail), status);
		page.addObject("ontask", LayoutModelInterceptor.current(request));
		return page;
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detail(HttpServletRequest request, HttpStatus status) {
		if (status.is5xxServerError()) {
			return (status == HttpStatus.SERVICE_UNAVAILABLE)
					? "This part of OnTask is not available at the moment. Please try again shortly."
					: "Something went wrong on our side. The problem has been logged.";
		}
		// only messages our own code chose reach the user; framework messages name
		// internals
		Object exception = exception(request);
		if (exception instanceof ResponseStatusException statusException && statusException.getReason() != null
				&& !statusException.getReason().isBlank()) {
			return statusException.getReason();
		}
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address.";
			case FORBIDDEN -> "You do not have access to this page.";
			case UNAUTHORIZED -> "Please sign in.";
			default -> status.getReasonPhrase();
		};
	}

	/**
	 * The exception behind the error, wherever the servlet container or Spring MVC left
	 * it.
	 */
	private static Object exception(HttpServletRequest request) {
		for (String attribute : new String[] { RequestDispatcher.ERROR_EXCEPTION, DispatcherServlet.EXCEPTION_ATTRIBUTE,
				"org.springframework.boot.webmvc.error.DefaultErrorAttributes.ERROR" }) {
			Object value = request.getAttribute(attribute);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	static boolean wantsProblem(HttpServletRequest request, String path) {
		if (path != null && path.startsWith("/api/")) {
			return true;
		}
		String accept = request.getHeader("Accept");
		return accept != null && !accept.contains("text/html")
				&& (accept.contains("application/json") || accept.contains("application/problem+json"));
	}

}
