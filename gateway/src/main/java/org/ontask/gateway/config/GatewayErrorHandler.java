package org.ontask.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Errors raised in the gateway itself, above all "no route for this path": the site's 404
 * page or a Problem Detail, never a stack trace or the framework's default page.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		HttpStatusCode code = (ex instanceof ResponseStatusException rse) ? rse.getStatusCode()
				: HttpStatus.INTERNAL_SERVER_ERROR;
		HttpStatus status = HttpStatus.resolve(code.value());
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		if (status.is5xxServerError()) {
			log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		}
		String detail = switch (status) {
			case NOT_FOUND -> "There is nothing at this address.";
			case METHOD_NOT_ALLOWED -> "This address does not take that kind of request.";
			case SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT, BAD_GATEWAY ->
				"This part of OnTask is not available at the moment. Please try again shortly.";
			default -> status.is5xxServerError() ? "Something went wrong on our side. The problem has been logged."
					: status.getReasonPhrase();
		};
		return ErrorResponses.write(exchange, status, detail);
	}

}
