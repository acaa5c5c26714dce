package org.ontask.gateway.fallback;

import org.ontask.gateway.config.ErrorResponses;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What a route's circuit breaker forwards to when its service is down, slow or failing: a
 * 503 that says so at once, instead of a hang or a connection error.
 */
@RestController
class FallbackController {

	@RequestMapping("/fallback/{service}")
	Mono<Void> serviceUnavailable(@PathVariable String service, ServerWebExchange exchange) {
		return ErrorResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				"This part of OnTask is not available at the moment. Please try again shortly.");
	}

}
