package org.ontask.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ontask.testsupport.FreePorts;

/**
 * {@code start}: embedded infrastructure (unless external servers are configured), then
 * config-server, then the services and the gateway in parallel, each waited for through
 * its readiness probe. If anything fails, whatever this start launched is stopped again.
 */
final class StartCommand {

	static final int LOG_LINES_ON_FAILURE = 40;

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(20);

	/**
	 * Shorter than a normal stop's: an app that is still starting serves nobody, and
	 * Spring Boot acts on SIGTERM only once its context has finished starting.
	 */
	private static final Duration UNDO_GRACE = Duration.ofSeconds(10);

	private final LauncherContext context;

	private final AppProcesses processes;

	private final PrintStream out;

	private final Readiness readiness = new Readiness();

	/** What this start launched, in start order, so a failure can undo exactly that. */
	private final List<String> launched = new ArrayList<>();

	private volatile boolean finished;

	/** Set when the launcher is being stopped (Ctrl-C) while it starts the system. */
	private volatile boolean interrupted;

	StartCommand(LauncherContext context) {
		this.context = context;
		this.processes = context.processes();
		this.out = context.out();
	}

	int run() {
		Instant begin = Instant.now();
		StateDirectory state = this.context.state();
		state.create();
		if (alreadyRunning()) {
			return 0;
		}
		stopLeftovers();
		checkJars();
		checkPorts();
		AdminCredentials admin = AdminCredentials.resolve(this.context.environment(), state.adminCredentials());
		Instant deadline = begin.plus(this.context.startTimeout());
		// Ctrl-C while starting: leave nothing half-started behind
		Thread undoOnInterrupt = new Thread(() -> {
			this.interrupted = true;
			undo();
		}, "ontask-start-undo");
		Runtime.getRuntime().addShutdownHook(undoOnInterrupt);
		try {
			Map<String, String> infrastructure = startInfrastructure(deadline);
			Map<String, String> environment = appEnvironment(infrastructure, admin);
			startAndAwait(List.of(App.CONFIG_SERVER), environment, deadline);
			List<App> rest = new ArrayList<>(App.services());
			rest.add(App.GATEWAY);
			startAndAwait(rest, environment, deadline);
			Map<String, String> launch = new LinkedHashMap<>();
			launch.put("port.base", Integer.toString(this.context.portBase()));
			launch.put("embedded",
					InfrastructureComponent.embeddedNeeded(this.context.environment())
						.stream()
						.map(InfrastructureComponent::argument)
						.collect(Collectors.joining(",")));
			launch.put("started", OffsetDateTime.now().toString());
			state.writeProperties(state.launchProperties(), "How ./ontask start last started the system", launch);
			printSummary(begin, admin, infrastructure);
			this.finished = true;
			return 0;
		}
		catch (RuntimeException ex) {
			undo();
			throw ex;
		}
		finally {
			removeShutdownHook(undoOnInterrupt);
		}
	}

	private boolean alreadyRunning() {
		List<App> running = Stream.of(App.values())
			.filter((app) -> this.processes.running(app.appName()).isPresent())
			.toList();
		if (running.size() != App.values().length) {
			return false;
		}
		int portBase = StatusCommand.recordedPortBase(this.context);
		this.out.printf("OnTask is already running: http://localhost:%d%n", App.GATEWAY.port(portBase));
		this.out.println("(./ontask status shows each app, ./ontask stop stops them.)");
		return true;
	}

	/** Processes of an earlier start that failed half-way or was partly killed. */
	private void stopLeftovers() {
		List<String> leftovers = StopCommand.ALL.stream()
			.filter((name) -> this.processes.running(name).isPresent())
			.toList();
		if (!leftovers.isEmpty()) {
			this.out.println("Stopping what is left of an earlier start: " + String.join(", ", leftovers));
			StopCommand.stopInOrder(this.processes, leftovers);
		}
		this.processes.stopOrphans();
		deleteIfExists(this.context.state().infraProperties());
		deleteIfExists(this.context.state().launchProperties());
	}

	private void checkJars() {
		List<String> missing = Stream.of(App.values())
			.map((app) -> app.jar(this.context.root()))
			.filter((jar) -> !Files.isRegularFile(jar))
			.map(Path::toString)
			.toList();
		if (!missing.isEmpty()) {
			throw new LauncherException(
					"Not built yet: " + String.join(", ", missing)
							+ ". Build with ./mvnw -B -DskipTests package (./ontask start does that for you).",
					LauncherException.FAILURE);
		}
	}

	private void checkPorts() {
		int base = this.context.portBase();
		List<String> taken = Stream.of(App.values())
			.filter((app) -> FreePorts.isTaken(app.port(base)))
			.map((app) -> "port " + app.port(base) + " (" + app.appName() + ")")
			.toList();
		if (!taken.isEmpty()) {
			throw new LauncherException("Cannot start: " + String.join(", ", taken)
					+ ((taken.size() == 1) ? " is" : " are") + " already in use by another program."
					+ " Stop it, or use other ports with --port-base N (ONTASK_PORT_BASE); the apps use N to N+5 and N+808.",
					LauncherException.FAILURE);
		}
	}

	private Map<String, String> startInfrastructure(Instant deadline) {
		Map<String, String> environment = this.context.environment();
		Set<InfrastructureComponent> embedded = InfrastructureComponent.embeddedNeeded(environment);
		for (InfrastructureComponent component : InfrastructureComponent.values()) {
			if (!embedded.contains(component)) {
				this.out.printf("Using the external %s from %s%n", component.argument(), component.externalVariable());
			}
		}
		if (embedded.isEmpty()) {
			return Map.of();
		}
		Path jar = this.context.launcherJar();
		if (!Files.isRegularFile(jar)) {
			throw new LauncherException(
					"Not built yet: " + jar + ". Build with ./mvnw -B -DskipTests package (./ontask start does that).",
					LauncherException.FAILURE);
		}
		StateDirectory state = this.context.state();
		String names = embedded.stream().map(InfrastructureComponent::argument).collect(Collectors.joining(", "));
		this.out.printf("Starting embedded %s (log: %s)%n", names,
				StateDirectory.display(state.log(StateDirectory.INFRA)));
		List<String> arguments = new ArrayList<>(List.of("infra", "--state-dir", state.root().toString()));
		embedded.forEach((component) -> arguments.add(component.argument()));
		Process infra = this.processes.launch(StateDirectory.INFRA, LauncherContext.INFRA_JAVA_OPTIONS, jar, arguments,
				Map.of());
		this.launched.add(StateDirectory.INFRA);
		Instant started = Instant.now();
		while (!Files.isRegularFile(state.infraProperties())) {
			if (!infra.isAlive()) {
				fail(List.of(StateDirectory.INFRA), "exited with code " + infra.exitValue() + " before it was ready");
			}
			if (Instant.now().isAfter(deadline)) {
				fail(List.of(StateDirectory.INFRA), "was not ready within " + this.context.startTimeout().toSeconds()
						+ " s (" + LauncherContext.START_TIMEOUT_VARIABLE + ")");
			}
			awaitExitOrPoll(List.of(infra));
		}
		Map<String, String> values = state.readProperties(state.infraProperties());
		this.out.printf("  embedded infrastructure ready after %d s: %s%n", secondsSince(started), describe(values));
		return values;
	}

	private Map<String, String> appEnvironment(Map<String, String> infrastructure, AdminCredentials admin) {
		Map<String, String> environment = new LinkedHashMap<>(infrastructure);
		// informational only: the apps send mail over SMTP
		environment.remove("ONTASK_IMAP_PORT");
		for (App service : App.services()) {
			environment.put(service.urlVariable(), "http://127.0.0.1:" + service.port(this.context.portBase()));
		}
		environment.put(AdminCredentials.EMAIL_VARIABLE, admin.email());
		environment.put(AdminCredentials.PASSWORD_VARIABLE, admin.password());
		environment.putAll(InstallationSecrets.resolve(this.context.environment(), this.context.state().secrets()));
		return environment;
	}

	private Map<String, String> environmentOf(App app, Map<String, String> common) {
		Map<String, String> environment = new LinkedHashMap<>(common);
		environment.put("SERVER_PORT", Integer.toString(app.port(this.context.portBase())));
		if (app != App.CONFIG_SERVER) {
			environment.put("CONFIG_SERVER_URL", "http://127.0.0.1:" + App.CONFIG_SERVER.port(this.context.portBase()));
			environment.put("SPRING_CLOUD_CONFIG_FAIL_FAST", "true");
		}
		return environment;
	}

	private void startAndAwait(List<App> apps, Map<String, String> environment, Instant deadline) {
		Map<App, Process> pending = new LinkedHashMap<>();
		for (App app : apps) {
			this.out.printf("Starting %s on port %d%n", app.appName(), app.port(this.context.portBase()));
			Process process = this.processes.launch(app.appName(), this.context.javaOptions(app),
					app.jar(this.context.root()), List.of(), environmentOf(app, environment));
			this.launched.add(app.appName());
			pending.put(app, process);
		}
		Instant started = Instant.now();
		Instant nextProgress = started.plus(PROGRESS_INTERVAL);
		while (!pending.isEmpty()) {
			for (var iterator = pending.entrySet().iterator(); iterator.hasNext();) {
				var entry = iterator.next();
				App app = entry.getKey();
				Process process = entry.getValue();
				if (!process.isAlive()) {
					fail(List.of(app.appName()), "exited with code " + process.exitValue() + " before it was ready");
				}
				if (this.readiness.check(app.port(this.context.portBase())) == Readiness.State.UP) {
					this.out.printf("  %s ready after %d s%n", app.appName(), secondsSince(started));
					iterator.remove();
				}
			}
			if (pending.isEmpty()) {
				break;
			}
			if (Instant.now().isAfter(deadline)) {
				fail(pending.keySet().stream().map(App::appName).toList(),
						"did not become ready within " + this.context.startTimeout().toSeconds() + " s ("
								+ LauncherContext.START_TIMEOUT_VARIABLE + ")");
			}
			if (Instant.now().isAfter(nextProgress)) {
				this.out.printf("  still waiting for %s (%d s)%n",
						pending.keySet().stream().map(App::appName).collect(Collectors.joining(", ")),
						secondsSince(started));
				nextProgress = Instant.now().plus(PROGRESS_INTERVAL);
			}
			awaitExitOrPoll(pending.values());
		}
	}

	private void fail(List<String> names, String reason) {
		if (this.interrupted) {
			// the processes die because the shutdown hook stops them, not on their own
			throw new LauncherException("Start interrupted.", LauncherException.FAILURE);
		}
		for (String name : names) {
			Path log = this.context.state().log(name);
			this.out.printf("%n%s %s. Last %d lines of %s:%n", name, reason, LOG_LINES_ON_FAILURE,
					StateDirectory.display(log));
			this.context.state().tail(log, LOG_LINES_ON_FAILURE).forEach((line) -> this.out.println("  | " + line));
		}
		throw new LauncherException("OnTask did not start: " + String.join(", ", names) + " " + reason
				+ ". Stopped what this start had launched.", LauncherException.FAILURE);
	}

	/** Stops whatever this start launched, unless the start completed. */
	private synchronized void undo() {
		if (this.finished || this.launched.isEmpty()) {
			return;
		}
		this.out.println("Stopping what this start launched:");
		StopCommand.stopInOrder(this.processes, List.copyOf(this.launched), UNDO_GRACE);
		this.launched.clear();
		this.processes.stopOrphans();
	}

	private void printSummary(Instant begin, AdminCredentials admin, Map<String, String> infrastructure) {
		StateDirectory state = this.context.state();
		this.out.println();
		this.out.printf("OnTask is running: %s (started in %d s)%n", this.context.url(), secondsSince(begin));
		this.out.printf("  Log in as %s with the password %s%n", admin.email(), admin.password());
		if (admin.generated()) {
			this.out.printf("    (generated; stored in %s, readable only by you)%n",
					StateDirectory.display(admin.file()));
		}
		else if (admin.file() != null) {
			this.out.printf("    (from %s)%n", StateDirectory.display(admin.file()));
		}
		else {
			this.out.printf("    (from %s and %s)%n", AdminCredentials.EMAIL_VARIABLE,
					AdminCredentials.PASSWORD_VARIABLE);
		}
		if (infrastructure.containsKey("ONTASK_IMAP_PORT")) {
			this.out.printf(
					"  Mail the apps send: SMTP 127.0.0.1:%s, read it over IMAP at 127.0.0.1:%s (user and password: the recipient's address)%n",
					infrastructure.get("ONTASK_SMTP_PORT"), infrastructure.get("ONTASK_IMAP_PORT"));
		}
		this.out.printf("  Logs: %s (./ontask logs <app>)%n", StateDirectory.display(state.logs()));
		this.out.println("  Stop: ./ontask stop");
	}

	static String describe(Map<String, String> infrastructure) {
		List<String> parts = new ArrayList<>();
		if (infrastructure.containsKey("ONTASK_DB_URL")) {
			parts.add("PostgreSQL " + infrastructure.get("ONTASK_DB_URL"));
		}
		if (infrastructure.containsKey("ONTASK_REDIS_URL")) {
			parts.add("Redis " + infrastructure.get("ONTASK_REDIS_URL"));
		}
		if (infrastructure.containsKey("ONTASK_AMQP_URL")) {
			parts.add("AMQP " + infrastructure.get("ONTASK_AMQP_URL"));
		}
		if (infrastructure.containsKey("ONTASK_SMTP_PORT")) {
			parts.add("SMTP 127.0.0.1:" + infrastructure.get("ONTASK_SMTP_PORT") + " / IMAP 127.0.0.1:"
					+ infrastructure.get("ONTASK_IMAP_PORT"));
		}
		return String.join(", ", parts);
	}

	private static long secondsSince(Instant start) {
		return Duration.between(start, Instant.now()).toSeconds();
	}

	/**
	 * Waits until one of the processes exits, or for the poll interval when none does, so
	 * a crash is reported at once while readiness is polled.
	 */
	private static void awaitExitOrPoll(Collection<Process> processes) {
		CompletableFuture<?> anyExit = CompletableFuture
			.anyOf(processes.stream().map(Process::onExit).toArray(CompletableFuture[]::new));
		try {
			anyExit.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// nothing exited within the interval: poll again
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LauncherException("Interrupted while starting.", LauncherException.FAILURE);
		}
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down, and the hook is running or has run
		}
	}

	private static void deleteIfExists(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
