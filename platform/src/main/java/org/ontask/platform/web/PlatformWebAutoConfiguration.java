package org.ontask.platform.web;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security, session serialisation, error rendering, layout model and metric tags for
 * every servlet service. Each bean backs off when the service defines its own.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
		ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class PlatformWebAutoConfiguration {

	/**
	 * Paths every service serves to anyone: probes, metrics scraping, static assets,
	 * errors.
	 */
	private static final String[] ALWAYS_PUBLIC = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error" };

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain ontaskSecurityFilterChain(HttpSecurity http, ObjectProvider<HttpSecurityCustomizer> customizers,
			WebProperties properties) throws Exception {
		for (HttpSecurityCustomizer customizer : customizers.orderedStream().toList()) {
			customizer.customize(http);
		}
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers(ALWAYS_PUBLIC).permitAll();
			if (!properties.publicPaths().isEmpty()) {
				requests.requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
			}
			requests.anyRequest().authenticated();
		});
		http.exceptionHandling((exceptions) -> exceptions
			.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(properties.loginPage())));
		// the login page takes ?next= instead of a saved request, so nothing but strings
		// lives in the session
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
				"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'")));
		return http.build();
	}

	/**
	 * One JSON serialisation of session attributes for every service, so a session
	 * created by auth-service is read by all of them (and by no Java deserialisation
	 * gadget).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "springSessionDefaultRedisSerializer")
	RedisSerializer<Object> springSessionDefaultRedisSerializer() {
		ClassLoader loader = PlatformWebAutoConfiguration.class.getClassLoader();
		JsonMapper mapper = JsonMapper.builder().addModules(SecurityJacksonModules.getModules(loader)).build();
		return new GenericJacksonJsonRedisSerializer(mapper);
	}

	/**
	 * Only auth-service signs people in; elsewhere there are no local users (and no
	 * generated default password).
	 */
	@Bean
	@ConditionalOnMissingBean(UserDetailsService.class)
	UserDetailsService noLocalUsers() {
		return (username) -> {
			throw new UsernameNotFoundException("Users sign in through auth-service");
		};
	}

	@Bean
	@ConditionalOnMissingBean
	PlatformErrorController platformErrorController() {
		return new PlatformErrorController();
	}

	@Bean
	WebMvcConfigurer layoutModel() {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new LayoutModelInterceptor());
			}
		};
	}

	@Bean
	MeterRegistryCustomizer<MeterRegistry> applicationMeterTag(
			@Value("${spring.application.name:application}") String application) {
		return (registry) -> registry.config().commonTags("application", application);
	}

}
