package org.ontask.deploymentcheck;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares the rendered docker-compose.yml with the apps. */
final class ComposeChecks {

	static final String PROFILE = "docker";

	private static final Pattern READINESS_PORT = Pattern.compile(":(\\d+)/actuator/health/readiness");

	private ComposeChecks() {
	}

	static void check(Project project, List<App> apps, Map<String, Object> compose, DeploymentCheck.Report report) {
		Map<String, Object> services = Yaml.map(compose, "services");
		for (App app : apps) {
			Object service = services.get(app.name());
			if (service == null) {
				report.compose()
					.add("docker-compose.yml has no service '" + app.name() + "' for the app module " + app.name()
							+ " (port " + app.port() + ")");
				continue;
			}
			String where = "docker-compose.yml service " + app.name() + ": ";
			if (!app.name().equals(Yaml.string(service, "build", "args", "SERVICE"))
					|| !"docker/Dockerfile".equals(Yaml.string(service, "build", "dockerfile"))) {
				report.compose()
					.add(where + "must build docker/Dockerfile with the build argument SERVICE: " + app.name());
			}
			String image = String.valueOf(Yaml.string(service, "image"));
			if (!image.replaceAll(":[^/]*$", "").endsWith("/" + app.name())) {
				report.compose().add(where + "the image " + image + " is not named after the app");
			}
			Map<String, Object> environment = Yaml.map(service, "environment");
			if (!PROFILE.equals(Yaml.string(environment, "SPRING_PROFILES_ACTIVE"))) {
				report.compose().add(where + "SPRING_PROFILES_ACTIVE must be '" + PROFILE + "'");
			}
			List<String> exposed = Yaml.list(service, "expose").stream().map(Object::toString).toList();
			if (!exposed.equals(List.of(Integer.toString(app.port())))) {
				report.compose()
					.add(where + "expose is " + exposed + " but the app listens on " + app.port() + " (server.port in "
							+ app.name() + "/src/main/resources/application.yml)");
			}
			String healthcheck = String.valueOf(Yaml.at(service, "healthcheck", "test"));
			Matcher readiness = READINESS_PORT.matcher(healthcheck);
			if (!readiness.find() || Integer.parseInt(readiness.group(1)) != app.port()) {
				report.compose()
					.add(where + "the healthcheck must call http://127.0.0.1:" + app.port()
							+ "/actuator/health/readiness, it is " + healthcheck);
			}
			if (!Yaml.list(service, "ports").isEmpty() && !app.name().equals(DeploymentCheck.PUBLIC_APP)) {
				report.compose()
					.add(where + "publishes ports " + Yaml.list(service, "ports") + "; only "
							+ DeploymentCheck.PUBLIC_APP + " may");
			}
			if (Yaml.at(service, "deploy", "resources", "limits", "memory") == null) {
				report.compose().add(where + "has no deploy.resources.limits.memory");
			}
			if (app.usesConfigServer()) {
				if (!"service_healthy"
					.equals(Yaml.string(service, "depends_on", DeploymentCheck.CONFIG_SERVER, "condition"))) {
					report.compose()
						.add(where + "must depend on " + DeploymentCheck.CONFIG_SERVER
								+ " with condition service_healthy");
				}
				if (!environment.containsKey(DeploymentCheck.CONFIG_SERVER_URL)) {
					report.compose().add(where + "does not set " + DeploymentCheck.CONFIG_SERVER_URL);
				}
			}
			for (Map.Entry<String, Object> variable : environment.entrySet()) {
				DeploymentCheck.checkUrls(apps, String.valueOf(variable.getValue()), where + variable.getKey() + ": ",
						report.compose());
			}
			project.variables(app, PROFILE).forEach((variable, mustBeSet) -> {
				if (mustBeSet && !environment.containsKey(variable)) {
					report.variables()
						.add("compose: " + app.name() + " does not set " + variable + ", which "
								+ DeploymentCheck.readWithoutDefault(project, app, PROFILE, variable)
								+ " reads without a default (set it in the service's environment or in .env.example)");
				}
			});
		}
	}

}
