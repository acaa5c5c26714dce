package org.ontask.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What every command works with.
 *
 * @param root the repository root, where the app jars are built
 * @param state the state folder
 * @param portBase the gateway's port; the other ports are relative to it
 * @param environment the environment the apps inherit (the launcher's own, usually)
 * @param out where progress and results go
 */
record LauncherContext(Path root, StateDirectory state, int portBase, Map<String, String> environment,
		PrintStream out) {

	static final String JAVA_OPTS_VARIABLE = "ONTASK_JAVA_OPTS";

	static final String START_TIMEOUT_VARIABLE = "ONTASK_START_TIMEOUT";

	/** Small heaps and a quick JIT: seven JVMs share a laptop. */
	static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m",
			"-XX:TieredStopAtLevel=1", "-Xshare:auto");

	/**
	 * Small heaps and the full JIT for the apps that do bulk work: dataops-service parses
	 * and converts every value of an upload, action-service renders and sends a message
	 * per learner. Their hot loops run about three times slower on the quick JIT alone
	 * (an upload of 100,000 rows x 20 columns took 1.5–1.8 s of CPU instead of 0.5–0.6
	 * s), which matters far more than the second or so it adds to their start.
	 */
	static final List<String> BULK_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m", "-Xshare:auto");

	static final List<String> INFRA_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m",
			"-XX:TieredStopAtLevel=1", "-Xshare:auto");

	static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(240);

	LauncherContext {
		environment = Map.copyOf(environment);
	}

	Path launcherJar() {
		return this.root.resolve("launcher").resolve("target").resolve("launcher.jar");
	}

	/**
	 * An app's JVM options: {@code ONTASK_JAVA_OPTS}, split at whitespace, if set, else
	 * {@link #BULK_JAVA_OPTIONS} for dataops-service and action-service and
	 * {@link #DEFAULT_JAVA_OPTIONS} for the rest.
	 */
	List<String> javaOptions(App app) {
		String options = this.environment.get(JAVA_OPTS_VARIABLE);
		if (options == null || options.isBlank()) {
			return (app == App.DATAOPS_SERVICE || app == App.ACTION_SERVICE) ? BULK_JAVA_OPTIONS : DEFAULT_JAVA_OPTIONS;
		}
		return Arrays.stream(options.trim().split("\\s+")).toList();
	}

	Duration startTimeout() {
		String seconds = this.environment.get(START_TIMEOUT_VARIABLE);
		if (seconds == null || seconds.isBlank()) {
			return DEFAULT_START_TIMEOUT;
		}
		try {
			long value = Long.parseLong(seconds.trim());
			if (value > 0) {
				return Duration.ofSeconds(value);
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new LauncherException(START_TIMEOUT_VARIABLE + " must be a number of seconds, not '" + seconds + "'.",
				LauncherException.USAGE);
	}

	String url() {
		return "http://localhost:" + App.GATEWAY.port(this.portBase);
	}

	AppProcesses processes() {
		return new AppProcesses(this.state, this.environment, this.out);
	}

}
