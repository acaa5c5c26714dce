package org.ontask.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the system's processes (the apps and the embedded servers' process) detached
 * from the launcher, records their pids in the state folder, finds them again and stops
 * them.
 * <p>
 * A recorded pid is trusted only while its command line still carries the markers this
 * class puts on it ({@code -Dontask.app=<name> -Dontask.state=<state folder>}): pids get
 * reused, and a second copy of the system may run beside this one from another state
 * folder.
 */
final class AppProcesses {

	static final Duration STOP_GRACE = Duration.ofSeconds(30);

	/** Starts the line written to an app's log before each start of the app. */
	static final String LOG_HEADER_PREFIX = "==== ";

	private static final String SETSID = findSetsid();

	private final StateDirectory state;

	private final Map<String, String> environment;

	private final PrintStream out;

	AppProcesses(StateDirectory state, Map<String, String> environment, PrintStream out) {
		this.state = state;
		this.environment = environment;
		this.out = out;
	}

	/**
	 * Starts {@code java <options> -jar <jar> <arguments>} in a session of its own, so it
	 * survives the launcher and the terminal, with its output appended to its log.
	 * @param name the app name (or {@link StateDirectory#INFRA})
	 * @param javaOptions JVM options
	 * @param jar the jar to run
	 * @param arguments the program's arguments
	 * @param extraEnvironment variables on top of the launcher's environment
	 * @return the started process
	 */
	Process launch(String name, List<String> javaOptions, Path jar, List<String> arguments,
			Map<String, String> extraEnvironment) {
		List<String> command = new ArrayList<>();
		if (SETSID != null) {
			command.add(SETSID);
		}
		command.add(javaExecutable());
		command.addAll(javaOptions);
		command.add(appMarker(name));
		command.add(stateMarker());
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		Path log = this.state.log(name);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().clear();
		builder.environment().putAll(this.environment);
		builder.environment().putAll(extraEnvironment);
		try {
			Files.writeString(log,
					"%n%s%s started by ./ontask at %s ====%n".formatted(LOG_HEADER_PREFIX, name, OffsetDateTime.now()),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			Process process = builder.start();
			this.state.writePid(name, process.pid());
			return process;
		}
		catch (IOException ex) {
			throw new LauncherException("Cannot start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The recorded process of an app, if it is still alive and still ours.
	 * @param name the app name (or {@link StateDirectory#INFRA})
	 * @return the process
	 */
	Optional<ProcessHandle> running(String name) {
		OptionalLong pid = this.state.readPid(name);
		if (pid.isEmpty()) {
			return Optional.empty();
		}
		return ProcessHandle.of(pid.getAsLong())
			.filter(ProcessHandle::isAlive)
			.filter((process) -> isOurs(process, name));
	}

	List<String> stop(List<String> names) {
		return stop(names, STOP_GRACE);
	}

	/**
	 * Stops the recorded processes of the given apps together: SIGTERM, then after the
	 * grace period SIGKILL; then whatever they had started themselves. Removes their pid
	 * files.
	 * @param names the app names (or {@link StateDirectory#INFRA})
	 * @param grace how long they may take to stop cleanly
	 * @return the names of the processes that were running
	 */
	List<String> stop(List<String> names, Duration grace) {
		Map<String, ProcessHandle> stopping = new LinkedHashMap<>();
		List<ProcessHandle> descendants = new ArrayList<>();
		for (String name : names) {
			running(name).ifPresent((process) -> {
				// taken before the signal: once the parent is gone its children are
				// no longer its descendants
				process.descendants().forEach(descendants::add);
				process.destroy();
				stopping.put(name, process);
			});
		}
		Instant deadline = Instant.now().plus(grace);
		stopping.forEach((name, process) -> {
			if (!awaitExit(process, Duration.between(Instant.now(), deadline))) {
				this.out.printf("  %s (pid %d) did not stop within %d s; killing it%n", name, process.pid(),
						grace.toSeconds());
				process.destroyForcibly();
				awaitExit(process, Duration.ofSeconds(10));
			}
			this.out.printf("  stopped %s (pid %d)%n", name, process.pid());
		});
		killLeftovers(descendants);
		names.forEach(this.state::deletePid);
		return List.copyOf(stopping.keySet());
	}

	/**
	 * Stops the servers a killed infrastructure process can leave behind: PostgreSQL,
	 * which pg_ctl detaches from its parent, and the processes the infrastructure process
	 * recorded as its children (Redis).
	 */
	void stopOrphans() {
		stopOrphanedPostgres(this.state.postgresData());
		for (RecordedProcess child : readChildren()) {
			ProcessHandle.of(child.pid()).filter(child::matches).ifPresent((process) -> {
				this.out.printf("  stopping %s left running (pid %d)%n", child.command(), child.pid());
				terminate(process, Duration.ofSeconds(10));
			});
		}
		try {
			Files.deleteIfExists(this.state.infraChildren());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Records the current process's child processes, so that they can be stopped even if
	 * this process is killed before it can stop them.
	 */
	void recordChildren() {
		StringBuilder text = new StringBuilder();
		ProcessHandle.current().descendants().forEach((process) -> {
			ProcessHandle.Info info = process.info();
			if (info.startInstant().isPresent() && info.command().isPresent()) {
				text.append(process.pid())
					.append(' ')
					.append(info.startInstant().get().toEpochMilli())
					.append(' ')
					.append(info.command().get())
					.append('\n');
			}
		});
		try {
			Files.writeString(this.state.infraChildren(), text.toString(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<RecordedProcess> readChildren() {
		Path file = this.state.infraChildren();
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try (Stream<String> lines = Files.lines(file)) {
			return lines.map((line) -> line.split(" ", 3))
				.filter((fields) -> fields.length == 3)
				.map((fields) -> new RecordedProcess(Long.parseLong(fields[0]),
						Instant.ofEpochMilli(Long.parseLong(fields[1])), fields[2]))
				.toList();
		}
		catch (IOException | NumberFormatException ex) {
			// a damaged record cannot name a process we may signal
			return List.of();
		}
	}

	private void stopOrphanedPostgres(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		long pid;
		try (Stream<String> lines = Files.lines(pidFile)) {
			pid = Long.parseLong(lines.findFirst().orElse("").trim());
		}
		catch (IOException | NumberFormatException ex) {
			return;
		}
		Optional<ProcessHandle> postgres = ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> commandLine(process).contains(dataDirectory.toString()));
		postgres.ifPresent((process) -> {
			this.out.printf("  stopping PostgreSQL left running on %s (pid %d)%n", dataDirectory, pid);
			// SIGTERM is PostgreSQL's smart shutdown: the apps are gone, so no session
			// holds
			// it up
			terminate(process, STOP_GRACE);
		});
	}

	private static void terminate(ProcessHandle process, Duration grace) {
		process.destroy();
		if (!awaitExit(process, grace)) {
			process.destroyForcibly();
			awaitExit(process, Duration.ofSeconds(10));
		}
	}

	String appMarker(String name) {
		return "-Dontask.app=" + name;
	}

	String stateMarker() {
		return "-Dontask.state=" + this.state.root();
	}

	private boolean isOurs(ProcessHandle process, String name) {
		String commandLine = commandLine(process);
		return commandLine.contains(appMarker(name)) && commandLine.contains(stateMarker())
				&& commandLine.contains("-jar");
	}

	private void killLeftovers(List<ProcessHandle> processes) {
		for (ProcessHandle process : processes) {
			if (process.isAlive()) {
				this.out.printf("  stopping leftover process %d (%s)%n", process.pid(), commandLine(process));
				terminate(process, Duration.ofSeconds(10));
			}
		}
	}

	static String commandLine(ProcessHandle process) {
		ProcessHandle.Info info = process.info();
		return info.commandLine().or(() -> info.arguments().map((arguments) -> String.join(" ", arguments))).orElse("");
	}

	static boolean awaitExit(ProcessHandle process, Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			return !process.isAlive();
		}
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return false;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	/**
	 * A process recorded by pid, start time and executable, so a reused pid is never
	 * mistaken for it.
	 */
	private record RecordedProcess(long pid, Instant started, String command) {

		boolean matches(ProcessHandle process) {
			ProcessHandle.Info info = process.info();
			return process.isAlive() && info.startInstant()
				.map((start) -> start.toEpochMilli() == this.started.toEpochMilli())
				.orElse(false) && info.command().map(this.command::equals).orElse(false);
		}

	}

	/**
	 * The java of the launcher's own JDK, so every process runs on the checked version.
	 */
	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String findSetsid() {
		for (String directory : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
			Path candidate = Path.of(directory, "setsid");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		// without setsid (macOS) the processes still outlive the launcher, but share the
		// terminal's session
		return null;
	}

}
