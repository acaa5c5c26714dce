package org.ontask.dataops.upload;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A multipart upload over the limit is answered 413 with the limit in the message: a
 * Problem Detail for API clients, the error page for browsers.
 */
@ControllerAdvice
class UploadLimitAdvice {

	private final Uploads uploads;

	UploadLimitAdvice(Uploads uploads) {
		this.uploads = uploads;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(HttpServletRequest request) {
		String message = this.uploads.tooLarge().getReason();
		String accept = String.valueOf(request.getHeader("Accept"));
		if (request.getRequestURI().startsWith("/api/") || (accept.contains("json") && !accept.contains("html"))) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, message);
			problem.setInstance(URI.create(request.getRequestURI()));
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		return new ModelAndView("error", Map.of("status", 413, "title", "Content Too Large", "detail", message),
				HttpStatus.CONTENT_TOO_LARGE);
	}

}
