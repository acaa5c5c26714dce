package org.ontask.gateway.apidocs;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /api-docs} leads to the Swagger UI page; {@code /api-docs/services} lists the
 * OpenAPI description of each service behind the gateway ({@code /api/docs/<service>},
 * routed to it in config-repo/gateway.yml), taken from {@code ontask.services}, so a
 * service added there is offered without a change here. Reading a description needs a
 * session or an API token, which the service checks.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

	@Bean
	RouterFunction<ServerResponse> apiDocsPage(Environment environment) {
		List<ServiceApi> services = Binder.get(environment)
			.bind("ontask.services", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.keySet()
			.stream()
			.sorted()
			.map((name) -> new ServiceApi(name, "/api/docs/" + name))
			.toList();
		return RouterFunctions.route()
			.GET("/api-docs", (request) -> ServerResponse.temporaryRedirect(URI.create("/api-docs/index.html")).build())
			.GET("/api-docs/services",
					(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(services))
			.build();
	}

	/**
	 * One service's description, as Swagger UI's {@code urls} option wants it.
	 *
	 * @param name the service
	 * @param url where its OpenAPI description is, through the gateway
	 */
	record ServiceApi(String name, String url) {

	}

}
