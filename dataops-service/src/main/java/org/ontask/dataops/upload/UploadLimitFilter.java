package org.ontask.dataops.upload;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload whose declared length is over the limit before anything reads its
 * body (the security filters would otherwise parse a multipart body to look for the CSRF
 * token, and fail without saying why): 413, with the limit in the Problem Detail or error
 * page. Bodies without a length are cut off by the upload code at the same limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UploadLimitFilter extends OncePerRequestFilter {

	private final Uploads uploads;

	private final UploadProperties properties;

	UploadLimitFilter(Uploads uploads, UploadProperties properties) {
		this.uploads = uploads;
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		String path = request.getRequestURI();
		boolean write = "POST".equals(method) || "PUT".equals(method);
		return !write
				|| !(path.matches("/workflows/[^/]+/upload(/.*)?") || path.matches("/api/workflows/[^/]+/table(/.*)?"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.properties.maxSize().toBytes()) {
			request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, this.uploads.tooLarge());
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return;
		}
		chain.doFilter(request, response);
	}

}
