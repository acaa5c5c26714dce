package org.ontask.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The apps of the system, each a Spring Boot fat jar at
 * {@code <root>/<app>/target/<app>.jar}, and their ports relative to a port base (8080 by
 * default, the ports of the architecture).
 */
enum App {

	CONFIG_SERVER("config-server", 808, null),

	AUTH_SERVICE("auth-service", 1, "ONTASK_AUTH_SERVICE_URL"),

	WORKFLOW_SERVICE("workflow-service", 2, "ONTASK_WORKFLOW_SERVICE_URL"),

	DATAOPS_SERVICE("dataops-service", 3, "ONTASK_DATAOPS_SERVICE_URL"),

	ACTION_SERVICE("action-service", 4, "ONTASK_ACTION_SERVICE_URL"),

	SCHEDULER_SERVICE("scheduler-service", 5, "ONTASK_SCHEDULER_SERVICE_URL"),

	GATEWAY("gateway", 0, null);

	/** The port base of the architecture's fixed ports. */
	static final int DEFAULT_PORT_BASE = 8080;

	/** The highest port offset, so the highest usable base is 65535 minus this. */
	static final int MAX_PORT_OFFSET = 808;

	private final String appName;

	private final int portOffset;

	private final String urlVariable;

	App(String appName, int portOffset, String urlVariable) {
		this.appName = appName;
		this.portOffset = portOffset;
		this.urlVariable = urlVariable;
	}

	/** The name shared by module, artifact, jar, log and pid file. */
	String appName() {
		return this.appName;
	}

	int port(int portBase) {
		return portBase + this.portOffset;
	}

	/**
	 * The environment variable through which the gateway (and any other app) finds this
	 * app, or null when nothing routes to it that way.
	 */
	String urlVariable() {
		return this.urlVariable;
	}

	Path jar(Path root) {
		return root.resolve(this.appName).resolve("target").resolve(this.appName + ".jar");
	}

	/** The services the gateway routes to, started in parallel after config-server. */
	static List<App> services() {
		return List.of(AUTH_SERVICE, WORKFLOW_SERVICE, DATAOPS_SERVICE, ACTION_SERVICE, SCHEDULER_SERVICE);
	}

	static Optional<App> named(String name) {
		return Arrays.stream(values()).filter((app) -> app.appName.equals(name)).findFirst();
	}

	static String names() {
		return Arrays.stream(values()).map(App::appName).collect(Collectors.joining(", "));
	}

}
