package org.ontask.workflow.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the workflows API (springdoc): served at
 * {@code /api/workflows/openapi}, browsable at {@code /workflows/api/index.html}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI workflowsOpenApi() {
		return new OpenAPI()
			.info(new Info().title("OnTask workflows API")
				.version("1")
				.description("Workflows as wholes: list, create, read, update (with If-Match), delete, flush, "
						+ "clone, attributes, sharing, transfer, history. Errors are RFC 9457 Problem Details."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
