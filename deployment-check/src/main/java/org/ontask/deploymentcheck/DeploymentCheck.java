package org.ontask.deploymentcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks that docker-compose.yml and every overlay of k8s/ describe the system the code
 * is: every app has a compose service and a Kubernetes Deployment and Service of its name
 * and port, every {@code ONTASK_*} variable an app reads without a default is set for it,
 * compose and kustomize accept the files, and the rendered manifests match the Kubernetes
 * schemas. It works on a staged copy (see {@link Staging}).
 */
public final class DeploymentCheck {

	static final String PUBLIC_APP = "gateway";

	static final String CONFIG_SERVER = "config-server";

	static final String CONFIG_SERVER_URL = "CONFIG_SERVER_URL";

	private static final Pattern URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");

	private static final String DOCKERFILE = "docker/Dockerfile";

	private static final String POSTGRES_INIT = "docker/postgres/init.sh";

	private static final String POSTGRES_INIT_COPY = "k8s/infra/postgres-init.sh";

	private DeploymentCheck() {
	}

	/** The deployment files the check can look at. */
	public enum Part {

		/** docker-compose.yml. */
		COMPOSE,

		/** The overlays of k8s/. */
		KUBERNETES

	}

	/**
	 * What the check found, by kind; empty lists mean the deployment files match the
	 * code.
	 *
	 * @param files problems in config-repo's profile files and copied files
	 * @param compose problems of docker-compose.yml
	 * @param kubernetes problems of the overlays
	 * @param variables {@code ONTASK_*} variables read without a default but not set
	 * @param schemas objects the Kubernetes schemas reject
	 * @param composeVariables per app, the variables its compose service sets
	 * @param kubernetesVariables per overlay and app, the variables its Deployment sets
	 */
	public record Report(List<String> files, List<String> compose, List<String> kubernetes, List<String> variables,
			List<String> schemas, Map<String, Set<String>> composeVariables,
			Map<String, Map<String, Set<String>>> kubernetesVariables) {

		Report() {
			this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
					new LinkedHashMap<>(), new LinkedHashMap<>());
		}

		/**
		 * Every problem, one per line.
		 * @return all problems; empty when the check passes
		 */
		public List<String> all() {
			List<String> all = new ArrayList<>();
			all.addAll(this.files);
			all.addAll(this.compose);
			all.addAll(this.kubernetes);
			all.addAll(this.variables);
			all.addAll(this.schemas);
			return all;
		}

	}

	/**
	 * Runs the whole check on a project.
	 * @param root the project root (or a copy of it)
	 * @param workDir an empty folder for the staged copy and the rendered manifests
	 * @param validator the schema validator, or null to leave schemas out
	 * @return what differs between the deployment files and the code
	 */
	public static Report run(Path root, Path workDir, ManifestValidator validator) {
		return run(root, workDir, validator, EnumSet.allOf(Part.class));
	}

	/**
	 * Runs part of the check on a project.
	 * @param root the project root (or a copy of it)
	 * @param workDir an empty folder for the staged copy and the rendered manifests
	 * @param validator the schema validator, or null to leave schemas out
	 * @param parts which deployment files to check
	 * @return what differs between those deployment files and the code
	 */
	public static Report run(Path root, Path workDir, ManifestValidator validator, Set<Part> parts) {
		Path stage = Staging.copy(root, workDir.resolve("stage"));
		Staging.fillInExamples(stage);
		Project project = new Project(stage);
		List<App> apps = project.apps();
		Report report = new Report();

		checkFiles(stage, apps, report);

		// docker-compose and kubectl run side by side: together they are most of the
		// check's time
		List<String> overlays = parts.contains(Part.KUBERNETES) ? Rendering.overlays(stage) : List.of();
		if (overlays.isEmpty() && parts.contains(Part.KUBERNETES)) {
			report.kubernetes().add("k8s/overlays has no overlay with a kustomization.yaml");
		}
		ExecutorService tools = Executors.newFixedThreadPool(1 + overlays.size());
		List<Path> rendered = new ArrayList<>();
		try {
			List<String> composeProblems = new ArrayList<>();
			Future<Map<String, Object>> composing = tools
				.submit(() -> parts.contains(Part.COMPOSE) ? Rendering.compose(stage, composeProblems) : Map.of());
			Map<String, List<String>> kustomizeProblems = new LinkedHashMap<>();
			Map<String, Future<List<Map<String, Object>>>> kustomizing = new LinkedHashMap<>();
			for (String overlay : overlays) {
				List<String> problems = new ArrayList<>();
				kustomizeProblems.put(overlay, problems);
				kustomizing.put(overlay, tools
					.submit(() -> Rendering.kustomize(stage, overlay, workDir.resolve(overlay + ".yaml"), problems)));
			}

			Map<String, Object> compose = result(composing);
			report.compose().addAll(composeProblems);
			if (!compose.isEmpty()) {
				ComposeChecks.check(project, apps, compose, report);
				for (App app : apps) {
					report.composeVariables()
						.put(app.name(), Yaml.map(compose, "services", app.name(), "environment").keySet());
				}
			}
			for (String overlay : overlays) {
				List<Map<String, Object>> objects = result(kustomizing.get(overlay));
				report.kubernetes().addAll(kustomizeProblems.get(overlay));
				if (!objects.isEmpty()) {
					rendered.add(workDir.resolve(overlay + ".yaml"));
					KubernetesChecks.check(project, apps, overlay, objects, report);
				}
			}
		}
		finally {
			tools.shutdownNow();
		}
		if (validator != null && !rendered.isEmpty()) {
			report.schemas().addAll(validator.validate(rendered));
		}
		return report;
	}

	private static <T> T result(Future<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * A table of every variable each app reads, and where it is set: the list of
	 * {@code ONTASK_*} variables to keep compose and k8s in step with.
	 * @param root the project root
	 * @param report a report of {@link #run}
	 * @return a Markdown table
	 */
	public static String variableTable(Path root, Report report) {
		Project project = new Project(root);
		List<String> overlays = new ArrayList<>(report.kubernetesVariables().keySet());
		StringBuilder table = new StringBuilder("| app | variable | compose | ");
		overlays.forEach((overlay) -> table.append("k8s ").append(overlay).append(" | "));
		table.append("\n|---|---|---|");
		overlays.forEach((overlay) -> table.append("---|"));
		table.append('\n');
		for (App app : project.apps()) {
			Set<String> names = new TreeSet<>(project.variables(app, ComposeChecks.PROFILE).keySet());
			names.addAll(project.variables(app, KubernetesChecks.PROFILE).keySet());
			for (String name : names) {
				boolean composeMust = project.variables(app, ComposeChecks.PROFILE).getOrDefault(name, false);
				boolean k8sMust = project.variables(app, KubernetesChecks.PROFILE).getOrDefault(name, false);
				table.append("| ").append(app.name()).append(" | ").append(name).append(" | ");
				table.append(
						cell(report.composeVariables().getOrDefault(app.name(), Set.of()).contains(name), composeMust));
				for (String overlay : overlays) {
					table.append(cell(
							report.kubernetesVariables().get(overlay).getOrDefault(app.name(), Set.of()).contains(name),
							k8sMust));
				}
				table.append('\n');
			}
		}
		return table.toString();
	}

	private static String cell(boolean set, boolean mustBeSet) {
		return (set ? "set" : (mustBeSet ? "**MISSING**" : "default")) + " | ";
	}

	private static void checkFiles(Path stage, List<App> apps, Report report) {
		for (String profile : List.of(ComposeChecks.PROFILE, KubernetesChecks.PROFILE)) {
			Path file = stage.resolve("config-repo/application-" + profile + ".yml");
			if (!Files.isRegularFile(file)) {
				report.files().add("config-repo/application-" + profile + ".yml is missing");
				continue;
			}
			checkUrls(apps, Project.read(file), "config-repo/application-" + profile + ".yml: ", report.files());
		}
		Path dockerfile = stage.resolve(DOCKERFILE);
		if (Files.isRegularFile(dockerfile)) {
			checkDockerfile(Project.read(dockerfile), report.files());
		}
		else {
			report.files().add(DOCKERFILE + " is missing");
		}
		Path init = stage.resolve(POSTGRES_INIT);
		Path copy = stage.resolve(POSTGRES_INIT_COPY);
		if (Files.isRegularFile(init) && Files.isRegularFile(copy) && !Project.read(init).equals(Project.read(copy))) {
			report.files()
				.add(POSTGRES_INIT_COPY + " differs from " + POSTGRES_INIT + "; copy it: cp " + POSTGRES_INIT + " "
						+ POSTGRES_INIT_COPY);
		}
	}

	/**
	 * The image runs as a non-root user, checks readiness, and leaves profile and secrets
	 * to compose and Kubernetes.
	 */
	static void checkDockerfile(String dockerfile, List<String> problems) {
		String instructions = dockerfile.lines()
			.filter((line) -> !line.stripLeading().startsWith("#"))
			.collect(Collectors.joining("\n"));
		if (!instructions.contains("ARG SERVICE")) {
			problems.add(DOCKERFILE + " must take the app as ARG SERVICE");
		}
		if (Pattern.compile("SPRING_PROFILES_ACTIVE|ONTASK_[A-Z_]+\\s*=|spring\\.profiles\\.active")
			.matcher(instructions)
			.find()) {
			problems
				.add(DOCKERFILE + " bakes a profile or an ONTASK_* setting into the image; compose and k8s set them");
		}
		List<String> users = instructions.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("USER "))
			.toList();
		if (users.isEmpty() || users.get(users.size() - 1).matches("USER\\s+(root|0)(:.*)?")) {
			problems.add(DOCKERFILE + " must run the app as a non-root USER");
		}
		if (!Pattern.compile("HEALTHCHECK[^\\n]*(\\\\\\n[^\\n]*)*/actuator/health/readiness")
			.matcher(instructions)
			.find()) {
			problems.add(DOCKERFILE + " needs a HEALTHCHECK on /actuator/health/readiness");
		}
		if (!instructions.contains("-Djarmode=tools") || !instructions.contains("--layers")) {
			problems.add(DOCKERFILE
					+ " must extract the jar's layers (java -Djarmode=tools -jar app.jar extract --layers --launcher)");
		}
	}

	/**
	 * Reports every {@code http://<app>:<port>} in a text whose port is not that app's
	 * port.
	 */
	static void checkUrls(List<App> apps, String text, String where, List<String> problems) {
		Map<String, Integer> ports = apps.stream().collect(Collectors.toMap(App::name, App::port));
		Matcher matcher = URL.matcher(text);
		while (matcher.find()) {
			Integer port = ports.get(matcher.group(1));
			if (port != null && port != Integer.parseInt(matcher.group(2))) {
				problems.add(where + matcher.group() + " but " + matcher.group(1) + " listens on " + port);
			}
		}
	}

	static String readWithoutDefault(Project project, App app, String profile, String variable) {
		Pattern undefaulted = Pattern.compile("\\$\\{" + variable + "}");
		List<String> files = new ArrayList<>();
		for (Path file : project.configurationFiles(app, profile)) {
			if (undefaulted.matcher(Project.read(file)).find()) {
				files.add(project.root().relativize(file).toString());
			}
		}
		return String.join(" and ", files);
	}

	static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
