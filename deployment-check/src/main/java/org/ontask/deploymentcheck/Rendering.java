package org.ontask.deploymentcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders the deployment files with the tools operators use:
 * {@code docker-compose config} (Compose v1.29, which also validates the file against its
 * schema) and {@code kubectl kustomize} on each overlay.
 */
final class Rendering {

	static final String INSTALL_COMPOSE = "Run scripts/install-test-tools (as root; CI runs it first), "
			+ "which installs Debian's docker-compose.";

	static final String INSTALL_KUBECTL = "Install kubectl 1.27 or newer (it bundles kustomize): "
			+ "https://kubernetes.io/docs/tasks/tools/";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private Rendering() {
	}

	/**
	 * The compose file as docker-compose resolves it: variables substituted,
	 * {@code env_file} merged into each service's {@code environment}.
	 * @param stage a staged copy with {@code .env}
	 * @param problems where a failure is reported
	 * @return the rendered file, or an empty map when docker-compose rejected it
	 */
	static Map<String, Object> compose(Path stage, List<String> problems) {
		// "config" validates exactly as "config -q" does, and prints the resolved file as
		// well
		Command.Result rendered = dockerCompose(stage, List.of("config"));
		if (!rendered.succeeded()) {
			problems.add("docker-compose -f docker-compose.yml config -q failed: " + rendered.output());
			return Map.of();
		}
		return Yaml.firstDocument(rendered.stdout());
	}

	private static Command.Result dockerCompose(Path stage, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml"));
		command.addAll(arguments);
		// only .env may feed ${...}: a variable exported in this shell must not change
		// the result
		Map<String, String> environment = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME",
				System.getProperty("java.io.tmpdir"), "LANG", "C.UTF-8");
		return Command.run(command, stage, environment, TIMEOUT, INSTALL_COMPOSE);
	}

	/**
	 * The overlays of {@code k8s/overlays}, each a folder with a kustomization.yaml.
	 * @param stage the project or its copy
	 * @return overlay names, sorted
	 */
	static List<String> overlays(Path stage) {
		Path overlays = stage.resolve("k8s/overlays");
		if (!Files.isDirectory(overlays)) {
			return List.of();
		}
		try (Stream<Path> folders = Files.list(overlays)) {
			return folders.filter((folder) -> Files.isRegularFile(folder.resolve("kustomization.yaml")))
				.map((folder) -> folder.getFileName().toString())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Renders one overlay with {@code kubectl kustomize} and keeps the output next to it.
	 * @param stage a staged copy
	 * @param overlay the overlay's folder name
	 * @param output where the rendered manifests are written
	 * @param problems where a failure is reported
	 * @return the rendered objects, or none when kustomize failed
	 */
	static List<Map<String, Object>> kustomize(Path stage, String overlay, Path output, List<String> problems) {
		Command.Result result = Command.run(List.of("kubectl", "kustomize", "k8s/overlays/" + overlay), stage, null,
				TIMEOUT, INSTALL_KUBECTL);
		if (!result.succeeded()) {
			problems.add("kubectl kustomize k8s/overlays/" + overlay + " failed: " + result.output());
			return List.of();
		}
		try {
			Files.writeString(output, result.stdout());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Yaml.documents(result.stdout());
	}

}
