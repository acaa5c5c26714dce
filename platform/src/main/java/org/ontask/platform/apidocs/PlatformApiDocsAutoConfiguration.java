package org.ontask.platform.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI model's header for services with springdoc: the title and description from
 * configuration, and API tokens ({@code Authorization: Bearer ot_...}) as the security
 * scheme, which is what scripts use (a browser's session works too).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@EnableConfigurationProperties(ApiDocsProperties.class)
public class PlatformApiDocsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenAPI platformOpenApi(ApiDocsProperties properties) {
		return new OpenAPI()
			.info(new Info().title(properties.title()).version("1").description(properties.description()))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("An API token from /account or POST /api/auth/tokens")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
