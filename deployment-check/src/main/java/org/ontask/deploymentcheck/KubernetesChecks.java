package org.ontask.deploymentcheck;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Compares one rendered overlay with the apps. */
final class KubernetesChecks {

	static final String PROFILE = "k8s";

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|CREDENTIALS|TOKEN).*");

	private KubernetesChecks() {
	}

	static void check(Project project, List<App> apps, String overlay, List<Map<String, Object>> objects,
			DeploymentCheck.Report report) {
		String prefix = "k8s/overlays/" + overlay + ": ";
		Map<String, Map<String, Object>> deployments = byName(objects, "Deployment");
		Map<String, Map<String, Object>> services = byName(objects, "Service");
		Map<String, Map<String, Object>> accounts = byName(objects, "ServiceAccount");
		Map<String, Map<String, Object>> budgets = byName(objects, "PodDisruptionBudget");
		Map<String, Set<String>> configMaps = keys(byName(objects, "ConfigMap"));
		Map<String, Set<String>> secrets = keys(byName(objects, "Secret"));
		List<String> problems = report.kubernetes();

		for (App app : apps) {
			String where = prefix + app.name() + ": ";
			Map<String, Object> service = services.get(app.name());
			if (service == null) {
				problems.add(where + "no Service named " + app.name());
			}
			else if (Yaml.list(service, "spec", "ports")
				.stream()
				.noneMatch((port) -> Objects.equals(Yaml.at(port, "port"), app.port())
						&& targetsApp(Yaml.at(port, "targetPort"), app))) {
				problems.add(where + "the Service has no port " + app.port() + " (targetPort http or " + app.port()
						+ "), the app's server.port; it has " + Yaml.list(service, "spec", "ports"));
			}
			if (!accounts.containsKey(app.name())) {
				problems.add(where + "no ServiceAccount named " + app.name());
			}
			if (!budgets.containsKey(app.name())) {
				problems.add(where + "no PodDisruptionBudget named " + app.name());
			}
			Map<String, Object> deployment = deployments.get(app.name());
			if (deployment == null) {
				problems.add(where + "no Deployment named " + app.name());
				continue;
			}
			Object pod = Yaml.at(deployment, "spec", "template", "spec");
			Object container = Yaml.list(pod, "containers")
				.stream()
				.filter((c) -> app.name().equals(Yaml.string(c, "name")))
				.findFirst()
				.orElse(null);
			if (container == null) {
				problems.add(where + "the Deployment has no container named " + app.name());
				continue;
			}
			checkContainer(app, pod, container, where, problems);

			Map<String, Boolean> set = new HashMap<>();
			for (Object variable : Yaml.list(container, "env")) {
				String name = Yaml.string(variable, "name");
				Object value = Yaml.at(variable, "value");
				boolean optional = Boolean.TRUE.equals(Yaml.at(variable, "valueFrom", "secretKeyRef", "optional"))
						|| Boolean.TRUE.equals(Yaml.at(variable, "valueFrom", "configMapKeyRef", "optional"));
				set.merge(name, !optional, Boolean::logicalOr);
				if (value != null && SECRET_NAME.matcher(name).matches() && !value.toString().isEmpty()) {
					problems.add(where + name + " has a literal value; secrets come from a Secret (secretKeyRef)");
				}
				if (value != null) {
					DeploymentCheck.checkUrls(apps, value.toString(), where + name + ": ", problems);
				}
			}
			for (Object source : Yaml.list(container, "envFrom")) {
				String configMap = Yaml.string(source, "configMapRef", "name");
				String secret = Yaml.string(source, "secretRef", "name");
				configMaps.getOrDefault(configMap, Set.of()).forEach((key) -> set.merge(key, true, Boolean::logicalOr));
				secrets.getOrDefault(secret, Set.of()).forEach((key) -> set.merge(key, true, Boolean::logicalOr));
			}
			if (!PROFILE.equals(envValue(container, "SPRING_PROFILES_ACTIVE"))) {
				problems.add(where + "SPRING_PROFILES_ACTIVE must be '" + PROFILE + "'");
			}
			if (app.usesConfigServer() && !set.containsKey(DeploymentCheck.CONFIG_SERVER_URL)) {
				problems.add(where + "does not set " + DeploymentCheck.CONFIG_SERVER_URL);
			}
			project.variables(app, PROFILE).forEach((variable, mustBeSet) -> {
				if (mustBeSet && !set.getOrDefault(variable, false)) {
					report.variables()
						.add(prefix + app.name() + " does not set " + variable + ", which "
								+ DeploymentCheck.readWithoutDefault(project, app, PROFILE, variable)
								+ " reads without a default (add it to the Deployment's env, with secretKeyRef"
								+ " for a secret, or to the ConfigMap ontask-config)");
				}
			});
			report.kubernetesVariables().computeIfAbsent(overlay, (o) -> new HashMap<>()).put(app.name(), set.keySet());
		}

		checkOverlay(objects, deployments, prefix, apps, problems);
	}

	private static void checkContainer(App app, Object pod, Object container, String where, List<String> problems) {
		boolean httpPort = Yaml.list(container, "ports")
			.stream()
			.anyMatch((port) -> "http".equals(Yaml.string(port, "name"))
					&& Objects.equals(Yaml.at(port, "containerPort"), app.port()));
		if (!httpPort) {
			problems.add(where + "the container has no port named http with containerPort " + app.port()
					+ " (the app's server.port); it has " + Yaml.list(container, "ports"));
		}
		String image = Objects.toString(Yaml.string(container, "image"), "");
		String imageName = image.replaceAll("[@:][^/]*$", "").replaceAll(".*/", "");
		if (!imageName.equals(app.name())) {
			problems.add(where + "the image " + image + " is not named after the app");
		}
		if (!app.name().equals(Yaml.string(pod, "serviceAccountName"))) {
			problems.add(where + "serviceAccountName must be " + app.name());
		}
		probe(app, container, "startupProbe", null, where, problems);
		probe(app, container, "livenessProbe", "/actuator/health/liveness", where, problems);
		probe(app, container, "readinessProbe", "/actuator/health/readiness", where, problems);
		for (String kind : List.of("requests", "limits")) {
			if (Yaml.at(container, "resources", kind, "memory") == null
					|| Yaml.at(container, "resources", kind, "cpu") == null) {
				problems.add(where + "needs resources." + kind + " for cpu and memory");
			}
		}
		boolean nonRoot = Boolean.TRUE.equals(Yaml.at(pod, "securityContext", "runAsNonRoot"))
				|| Boolean.TRUE.equals(Yaml.at(container, "securityContext", "runAsNonRoot"));
		if (!nonRoot) {
			problems.add(where + "must set securityContext.runAsNonRoot: true");
		}
		if (!Boolean.TRUE.equals(Yaml.at(container, "securityContext", "readOnlyRootFilesystem"))) {
			problems.add(where + "must set securityContext.readOnlyRootFilesystem: true");
		}
		if (!Yaml.list(container, "securityContext", "capabilities", "drop").contains("ALL")) {
			problems.add(where + "must drop ALL capabilities");
		}
		boolean tmp = Yaml.list(container, "volumeMounts")
			.stream()
			.filter((mount) -> "/tmp".equals(Yaml.string(mount, "mountPath")))
			.anyMatch((mount) -> Yaml.list(pod, "volumes")
				.stream()
				.anyMatch((volume) -> Objects.equals(Yaml.string(volume, "name"), Yaml.string(mount, "name"))
						&& Yaml.at(volume, "emptyDir") != null));
		if (!tmp) {
			problems.add(where + "needs an emptyDir mounted at /tmp (the root filesystem is read-only)");
		}
	}

	private static void probe(App app, Object container, String probe, String path, String where,
			List<String> problems) {
		Object get = Yaml.at(container, probe, "httpGet");
		if (get == null) {
			problems.add(where + "needs an httpGet " + probe);
			return;
		}
		if (path != null && !path.equals(Yaml.string(get, "path"))) {
			problems.add(where + probe + " must call " + path);
		}
		if (!targetsApp(Yaml.at(get, "port"), app)) {
			problems.add(where + probe + " must use port http or " + app.port() + ", not " + Yaml.at(get, "port"));
		}
	}

	private static void checkOverlay(List<Map<String, Object>> objects, Map<String, Map<String, Object>> deployments,
			String prefix, List<App> apps, List<String> problems) {
		boolean defaultDeny = false;
		for (Map<String, Object> object : objects) {
			String kind = Yaml.string(object, "kind");
			String name = Yaml.string(object, "metadata", "name");
			if ("Service".equals(kind) && isPublic(Yaml.string(object, "spec", "type"))
					&& !DeploymentCheck.PUBLIC_APP.equals(name)) {
				problems.add(prefix + "Service " + name + " is reachable from outside; only "
						+ DeploymentCheck.PUBLIC_APP + " may be");
			}
			if ("Ingress".equals(kind)) {
				Set<String> backends = new HashSet<>();
				for (Object rule : Yaml.list(object, "spec", "rules")) {
					for (Object path : Yaml.list(rule, "http", "paths")) {
						backends.add(Yaml.string(path, "backend", "service", "name"));
					}
				}
				if (!backends.equals(Set.of(DeploymentCheck.PUBLIC_APP))) {
					problems.add(prefix + "Ingress " + name + " routes to " + backends + "; only "
							+ DeploymentCheck.PUBLIC_APP + " may receive outside traffic");
				}
				if (Yaml.list(object, "spec", "tls").isEmpty()) {
					problems.add(prefix + "Ingress " + name + " has no TLS");
				}
			}
			if ("ConfigMap".equals(kind)) {
				for (String key : Yaml.map(object, "data").keySet()) {
					if (SECRET_NAME.matcher(key).matches()) {
						problems.add(prefix + "ConfigMap " + name + " holds " + key + "; secrets go in a Secret");
					}
				}
			}
			if ("HorizontalPodAutoscaler".equals(kind)
					&& !deployments.containsKey(Yaml.string(object, "spec", "scaleTargetRef", "name"))) {
				problems.add(prefix + "HorizontalPodAutoscaler " + name + " scales a Deployment that does not exist");
			}
			if ("NetworkPolicy".equals(kind) && Yaml.map(object, "spec", "podSelector").isEmpty()
					&& Yaml.list(object, "spec", "policyTypes").contains("Ingress")
					&& Yaml.list(object, "spec", "ingress").isEmpty()) {
				defaultDeny = true;
			}
		}
		if (!defaultDeny) {
			problems.add(prefix + "no NetworkPolicy denies ingress by default (components/network-policies)");
		}
	}

	private static boolean isPublic(String serviceType) {
		return "NodePort".equals(serviceType) || "LoadBalancer".equals(serviceType);
	}

	private static boolean targetsApp(Object port, App app) {
		return "http".equals(port) || Objects.equals(port, app.port());
	}

	private static String envValue(Object container, String name) {
		return Yaml.list(container, "env")
			.stream()
			.filter((variable) -> name.equals(Yaml.string(variable, "name")))
			.map((variable) -> Yaml.string(variable, "value"))
			.findFirst()
			.orElse(null);
	}

	private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> objects, String kind) {
		Map<String, Map<String, Object>> named = new HashMap<>();
		for (Map<String, Object> object : objects) {
			if (kind.equals(Yaml.string(object, "kind"))) {
				named.put(Yaml.string(object, "metadata", "name"), object);
			}
		}
		return named;
	}

	private static Map<String, Set<String>> keys(Map<String, Map<String, Object>> objects) {
		Map<String, Set<String>> keys = new HashMap<>();
		objects.forEach((name, object) -> {
			Set<String> names = new HashSet<>(Yaml.map(object, "data").keySet());
			names.addAll(Yaml.map(object, "stringData").keySet());
			keys.put(name, names);
		});
		return keys;
	}

}
