package org.ontask.launcher;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code admin}: runs auth-service's jar once as a command, without a web server
 * ({@code --spring.main.web-application-type=none --ontask.command.run=...}), on the
 * database, Redis and RabbitMQ of the running system: the embedded servers of
 * {@code ./ontask start} (read from the state folder) or the external ones named by
 * {@code ONTASK_DB_URL}, {@code ONTASK_REDIS_URL} and {@code ONTASK_AMQP_URL}. The
 * configuration is {@code config-repo/}, the same files config-server serves. The jar's
 * exit status is the command's.
 */
final class AdminCommand {

	/** One short-lived JVM beside the running system. */
	static final List<String> JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m",
			"-XX:TieredStopAtLevel=1", "-Xshare:auto");

	/** How the password reaches the command: never on its command line. */
	static final String PASSWORD_VARIABLE = "ONTASK_COMMAND_PASSWORD";

	/** Asks for what was not given. */
	interface Prompt {

		String line(String question);

		String password(String question);

	}

	private final LauncherContext context;

	private final AdminArguments arguments;

	private final Prompt prompt;

	AdminCommand(LauncherContext context, AdminArguments arguments, Prompt prompt) {
		this.context = context;
		this.arguments = arguments;
		this.prompt = prompt;
	}

	int run() throws InterruptedException {
		PrintStream out = this.context.out();
		if (this.arguments.command().equals(AdminArguments.HELP)) {
			out.print(AdminArguments.USAGE);
			return 0;
		}
		Map<String, String> infrastructure = infrastructure();
		Path jar = App.AUTH_SERVICE.jar(this.context.root());
		if (!Files.isRegularFile(jar)) {
			throw new LauncherException("Not built yet: " + jar + ". Run ./ontask start first (it builds).",
					LauncherException.FAILURE);
		}
		AdminArguments complete = complete(this.arguments);
		Map<String, String> environment = new LinkedHashMap<>(this.context.environment());
		environment.putAll(infrastructure);
		if (complete.password() != null) {
			environment.put(PASSWORD_VARIABLE, complete.password());
		}
		List<String> command = new ArrayList<>();
		command.add(AppProcesses.javaExecutable());
		command.addAll(JAVA_OPTIONS);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(applicationArguments(complete, this.context.root()));
		ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
		builder.environment().clear();
		builder.environment().putAll(environment);
		try {
			return builder.start().waitFor();
		}
		catch (IOException ex) {
			throw new LauncherException("Cannot run auth-service: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The servers the running system uses: external ones from the environment, else the
	 * embedded ones of {@code ./ontask start}.
	 */
	Map<String, String> infrastructure() {
		Map<String, String> environment = this.context.environment();
		String db = environment.get("ONTASK_DB_URL");
		if (db != null && !db.isBlank()) {
			return Map.of();
		}
		StateDirectory state = this.context.state();
		boolean running = this.context.processes().running(StateDirectory.INFRA).isPresent();
		Map<String, String> embedded = running ? state.readProperties(state.infraProperties()) : Map.of();
		if (!embedded.containsKey("ONTASK_DB_URL")) {
			throw new LauncherException("""
					The admin commands work on the database of a running OnTask, and it is not running.
					Start it first with ./ontask start (the embedded servers run only while it runs),
					or set ONTASK_DB_URL (with ONTASK_DB_USER, ONTASK_DB_PASSWORD), ONTASK_REDIS_URL and
					ONTASK_AMQP_URL to the servers of your installation.""", LauncherException.FAILURE);
		}
		Map<String, String> values = new LinkedHashMap<>(embedded);
		values.remove("ONTASK_IMAP_PORT");
		// the installation's keys, as the running apps have them (never generated here)
		java.util.Properties secrets = OwnerOnlyFiles.read(state.secrets());
		for (String variable : InstallationSecrets.VARIABLES) {
			String value = environment.get(variable);
			if ((value == null || value.isBlank()) && secrets.getProperty(variable) != null) {
				values.put(variable, secrets.getProperty(variable).trim());
			}
		}
		return values;
	}

	private AdminArguments complete(AdminArguments given) {
		if (!given.command().equals(AdminArguments.CREATE_SUPERUSER)) {
			Path file = given.file().toAbsolutePath().normalize();
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				throw new LauncherException("Cannot read the file " + given.file() + ".", LauncherException.USAGE);
			}
			return new AdminArguments(given.command(), null, null, null, file, given.column(), given.instructors(),
					given.dryRun());
		}
		String email = given.email();
		String name = given.name();
		String password = given.password();
		if (email == null) {
			email = required(this.prompt.line("Email: "), "an email");
		}
		if (name == null) {
			String answer = this.prompt.line("Name [Administrator]: ");
			name = (answer == null || answer.isBlank()) ? "Administrator" : answer.strip();
		}
		if (password == null) {
			password = required(this.prompt.password("Password (at least 10 characters): "), "a password");
			String again = this.prompt.password("Password again: ");
			if (!password.equals(again)) {
				throw new LauncherException("The two passwords are not the same; nothing was created.",
						LauncherException.USAGE);
			}
		}
		return new AdminArguments(given.command(), email, name, password, null, null, false, false);
	}

	private static String required(String answer, String what) {
		if (answer == null || answer.isBlank()) {
			throw new LauncherException("create-superuser needs " + what + "; nothing was created.",
					LauncherException.USAGE);
		}
		return answer.strip();
	}

	/**
	 * The program arguments of auth-service for a command; the password is not among them
	 * (it goes in {@link #PASSWORD_VARIABLE}).
	 * @param arguments the complete arguments
	 * @param root the repository root, whose {@code config-repo/} is the configuration
	 * @return the arguments
	 */
	static List<String> applicationArguments(AdminArguments arguments, Path root) {
		Path configRepo = root.resolve("config-repo");
		List<String> args = new ArrayList<>(Arrays.asList("--spring.main.web-application-type=none",
				"--spring.main.banner-mode=off", "--spring.cloud.config.enabled=false",
				"--spring.config.import=optional:file:" + configRepo.resolve("application.yml") + ",optional:file:"
						+ configRepo.resolve("auth-service.yml"),
				"--logging.level.root=WARN", "--spring.rabbitmq.listener.simple.auto-startup=false",
				"--spring.modulith.events.republish-outstanding-events-on-restart=false",
				"--ontask.command.run=" + arguments.command()));
		if (arguments.command().equals(AdminArguments.CREATE_SUPERUSER)) {
			args.add("--ontask.command.email=" + arguments.email());
			args.add("--ontask.command.name=" + arguments.name());
		}
		else {
			args.add("--ontask.command.file=" + arguments.file());
			args.add("--ontask.command.column=" + arguments.column());
			args.add("--ontask.command.instructors=" + arguments.instructors());
			args.add("--ontask.command.dry-run=" + arguments.dryRun());
		}
		return args;
	}

	/** Asks on the terminal; without one, nothing can be asked. */
	static Prompt console() {
		return new Prompt() {
			@Override
			public String line(String question) {
				return console(question).readLine("%s", question);
			}

			@Override
			public String password(String question) {
				char[] password = console(question).readPassword("%s", question);
				return (password != null) ? new String(password) : null;
			}

			private Console console(String question) {
				Console console = System.console();
				if (console == null) {
					throw new LauncherException("No terminal to ask \"" + question.strip()
							+ "\": give --email, --name and --password (or ONTASK_SUPERUSER_EMAIL, ONTASK_SUPERUSER_NAME, ONTASK_SUPERUSER_PASSWORD).",
							LauncherException.USAGE);
				}
				return console;
			}
		};
	}

}
