package org.ontask.platform.web;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
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

	/**
	 * The shared scripts, under any service's asset folder (see {@link #sharedScripts}).
	 */
	static final String SHARED_SCRIPTS = "/workflows/assets/*/querybuilder.js";

	/** The policy of every page: scripts, styles and frames from this site only. */
	private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "frame-ancestors 'self'";

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain ontaskSecurityFilterChain(HttpSecurity http, ObjectProvider<HttpSecurityCustomizer> customizers,
			ObjectProvider<ApiTokenStore> apiTokens, WebProperties properties) throws Exception {
		for (HttpSecurityCustomizer customizer : customizers.orderedStream().toList()) {
			customizer.customize(http);
		}
		ApiTokenStore tokens = apiTokens.getIfAvailable();
		if (tokens != null) {
			http.addFilterBefore(new BearerTokenFilter(tokens), CsrfFilter.class);
			// a bearer token is sent by a script, never added by a browser on its own
			http.csrf((csrf) -> csrf.ignoringRequestMatchers(BearerTokenFilter::isBearerApiRequest));
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
		RequestMatcher launchPage = launchPage(properties);
		RequestMatcher otherPage = new NegatedRequestMatcher(launchPage);
		String lmsFrames = String.join(" ", properties.frameAncestorList());
		http.headers((headers) -> headers.frameOptions((frames) -> frames.disable())
			.addHeaderWriter(
					new DelegatingRequestMatcherHeaderWriter(otherPage, new ContentSecurityPolicyHeaderWriter(CSP)))
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(otherPage,
					new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)))
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(launchPage,
					new ContentSecurityPolicyHeaderWriter(CSP + " " + lmsFrames))));
		return http.build();
	}

	/**
	 * The pages an LMS may show in its frame: the launch endpoints and the page the
	 * launch landed on, and only when LMS sites are configured.
	 */
	private static RequestMatcher launchPage(WebProperties properties) {
		if (properties.frameAncestorList().isEmpty()) {
			return (request) -> false;
		}
		List<RequestMatcher> paths = properties.framedPaths()
			.stream()
			.map((pattern) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
			.toList();
		return (request) -> {
			for (RequestMatcher path : paths) {
				if (path.matches(request)) {
					return true;
				}
			}
			HttpSession session = request.getSession(false);
			Object landing = (session != null) ? session.getAttribute(OnTaskSession.LAUNCH_LANDING) : null;
			if (landing instanceof String target) {
				int query = target.indexOf('?');
				String landingPath = (query >= 0) ? target.substring(0, query) : target;
				return landingPath.equals(request.getRequestURI().substring(request.getContextPath().length()));
			}
			return false;
		};
	}

	/**
	 * Mirrored API tokens, read on every {@code /api/**} request with a bearer token.
	 */
	@Bean
	@ConditionalOnMissingBean
	ApiTokenStore apiTokenStore(StringRedisTemplate redis, WebProperties properties) {
		return new ApiTokenStore(redis, properties.apiTokenKeyPrefix(), Clock.systemUTC());
	}

	/**
	 * A session cookie for LMS frames ({@code SameSite=None}) must be {@code Secure}, or
	 * browsers drop it; refuse to start rather than fail in the browser.
	 */
	@Bean
	SmartInitializingSingleton sessionCookieCheck(Environment environment) {
		return () -> {
			String sameSite = environment.getProperty("server.servlet.session.cookie.same-site", "lax");
			boolean secure = environment.getProperty("server.servlet.session.cookie.secure", Boolean.class, false);
			if ("none".equalsIgnoreCase(sameSite.strip()) && !secure) {
				throw new IllegalStateException("ONTASK_SESSION_COOKIE_SAME_SITE=None needs ONTASK_SECURE_COOKIES=true "
						+ "(browsers drop a SameSite=None cookie that is not Secure)");
			}
		};
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

	/**
	 * Scripts shared by pages of several services (the query builder), from
	 * {@code classpath:/static/js/}. Each service serves them under its own asset folder,
	 * {@code /workflows/assets/<feature>/}, because that is what the gateway routes to it
	 * ({@code /workflows/*}{@code /actions/**} to action-service,
	 * {@code /workflows/*}{@code /views/**} to dataops-service).
	 */
	@Bean
	WebMvcConfigurer sharedScripts() {
		return new WebMvcConfigurer() {
			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(SHARED_SCRIPTS)
					.addResourceLocations("classpath:/static/js/")
					.resourceChain(true)
					.addResolver(new SharedScriptResolver());
			}
		};
	}

	@Bean
	MeterRegistryCustomizer<MeterRegistry> applicationMeterTag(
			@Value("${spring.application.name:application}") String application) {
		return (registry) -> registry.config().commonTags("application", application);
	}

}
