package org.ontask.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Points a Spring Boot test at this run's real infrastructure
 * ({@link TestInfrastructure}) and at the same {@code config-repo/} files the config
 * server serves in production, so a test runs with production configuration minus the
 * config server.
 * <p>
 * Active only when {@code ontask.test.infrastructure=true} (set in a service's
 * {@code application-test.yml}), so nothing changes for an application that merely has
 * this module on its classpath.
 */
public class TestInfrastructureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "ontask.test.infrastructure";

	private static final String INTERNAL_SECRET = java.util.UUID.randomUUID().toString();

	@Override
	public int getOrder() {
		// after config data, so application-test.yml can switch this on
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, false)) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		String app = environment.getProperty("spring.application.name", "application");
		Path configRepo = findConfigRepo();
		if (configRepo != null) {
			String anchor = mainApplicationConfig(sources);
			for (String name : List.of(app + ".yml", "application.yml")) {
				for (PropertySource<?> source : load(configRepo.resolve(name))) {
					if (anchor != null) {
						sources.addBefore(anchor, source);
					}
					else {
						sources.addLast(source);
					}
				}
			}
		}
		sources.addFirst(new MapPropertySource("ontaskTestInfrastructure", infrastructureProperties()));
	}

	private static Map<String, Object> infrastructureProperties() {
		TestInfrastructure infra = TestInfrastructure.get();
		Map<String, Object> props = new HashMap<>();
		props.put("spring.cloud.config.enabled", "false");
		TestInfrastructure.Postgres pg = infra.postgres();
		props.put("spring.datasource.url", pg.jdbcUrl());
		props.put("spring.datasource.username", pg.user());
		props.put("spring.datasource.password", pg.password());
		TestInfrastructure.Redis redis = infra.redis();
		props.put("spring.data.redis.url", redis.url());
		props.put("spring.session.data.redis.namespace", redis.namespace() + ":session");
		props.put("ontask.redis.key-prefix", redis.namespace() + ":");
		props.put("ontask.redis.namespace", redis.namespace());
		TestInfrastructure.Amqp amqp = infra.amqp();
		props.put("spring.rabbitmq.addresses", amqp.url());
		props.put("ontask.messaging.name-prefix", amqp.namePrefix());
		props.put("spring.mail.host", "127.0.0.1");
		props.put("spring.mail.port", infra.smtp().getSmtp().getPort());
		// one key per test JVM, so services started in it can call each other's
		// /internal/**
		props.put("ontask.internal.secret", INTERNAL_SECRET);
		return props;
	}

	/** The name of the main application.yml source; config-repo goes just above it. */
	private static String mainApplicationConfig(MutablePropertySources sources) {
		for (PropertySource<?> source : sources) {
			String name = source.getName();
			if (name.startsWith("Config resource") && name.contains("[application.yml]")) {
				return name;
			}
		}
		return null;
	}

	private static List<PropertySource<?>> load(Path file) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try {
			return new YamlPropertySourceLoader().load("config-repo/" + file.getFileName(),
					new FileSystemResource(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/** config-repo/ of the source tree: tests run inside a module folder. */
	static Path findConfigRepo() {
		Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		while (dir != null) {
			Path candidate = dir.resolve("config-repo");
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
			dir = dir.getParent();
		}
		return null;
	}

}
