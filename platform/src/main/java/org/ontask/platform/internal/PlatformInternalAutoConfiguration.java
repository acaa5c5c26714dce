package org.ontask.platform.internal;

import java.time.Clock;
import java.util.Map;

import org.ontask.platform.web.HttpSecurityCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Signed service-to-service calls: {@link InternalCalls} for callers, and for callees a
 * filter that lets only signed requests into {@code /internal/**}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(InternalCallProperties.class)
public class PlatformInternalAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InternalCalls internalCalls(InternalCallProperties properties, Environment environment,
			@Value("${spring.application.name:application}") String application) {
		Map<String, String> urls = Binder.get(environment)
			.bind("ontask.services", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		return new InternalCalls(properties, signature(properties), application, urls, Clock.systemUTC());
	}

	@Bean
	HttpSecurityCustomizer internalCallSecurity(InternalCallProperties properties) {
		InternalCallFilter filter = new InternalCallFilter(signature(properties), Clock.systemUTC());
		return (http) -> {
			http.addFilterAfter(filter, SecurityContextHolderFilter.class);
			// signed calls carry no browser cookies, so there is no cross-site request to
			// forge
			http.csrf((csrf) -> csrf.ignoringRequestMatchers("/internal/**"));
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/internal/**")
				.hasAuthority(InternalCallFilter.INTERNAL_AUTHORITY));
		};
	}

	private static InternalCallSignature signature(InternalCallProperties properties) {
		return properties.enabled() ? new InternalCallSignature(properties.secret(), properties.window()) : null;
	}

}
