package org.ontask.launcher;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ./ontask} runs: starts, stops and reports on the whole system as separate
 * JVM processes on this machine, with embedded PostgreSQL, Redis, AMQP and SMTP servers
 * unless external ones are configured.
 * <p>
 * Usage: {@code start|stop|status|logs <app>|admin ...} with the options
 * {@code --port-base N} and {@code --state-dir DIR}.
 */
public final class OnTaskLauncher {

	static final String USAGE = """
			Usage: ./ontask <command> [--port-base N] [--state-dir DIR]

			Commands:
			  start         build what is missing, then start the whole system and print its URL and admin login
			  stop          stop everything ./ontask start started
			  status        show which apps run and whether they are ready
			  logs <app>    print an app's log (%s, infra)
			  admin ...     create-superuser, or import-users FILE.csv (./ontask admin help; OnTask must be running)

			Options:
			  --port-base N    gateway port N, services N+1..N+5, config-server N+808 (default 8080; ONTASK_PORT_BASE)
			  --state-dir DIR  logs, pids, database files and the admin login (default .ontask/; ONTASK_STATE_DIR)

			External servers instead of embedded ones: ONTASK_DB_URL (with ONTASK_DB_USER, ONTASK_DB_PASSWORD),
			ONTASK_REDIS_URL, ONTASK_AMQP_URL, ONTASK_SMTP_HOST (with ONTASK_SMTP_PORT).
			Also: ONTASK_ADMIN_EMAIL, ONTASK_ADMIN_PASSWORD, ONTASK_JAVA_OPTS, ONTASK_START_TIMEOUT (seconds).
			""".formatted(App.names());

	private OnTaskLauncher() {
	}

	/**
	 * Runs one command and exits with its code.
	 * @param args the command and its options
	 */
	public static void main(String[] args) {
		int code;
		try {
			code = run(args, System.getenv(), System.out);
		}
		catch (LauncherException ex) {
			System.out.flush();
			System.err.println(ex.getMessage());
			if (ex.exitCode() == LauncherException.USAGE) {
				System.err.println("Run ./ontask help for the usage.");
			}
			code = ex.exitCode();
		}
		catch (Exception ex) {
			System.out.flush();
			System.err.println("./ontask failed unexpectedly:");
			ex.printStackTrace();
			code = LauncherException.FAILURE;
		}
		System.exit(code);
	}

	static int run(String[] args, Map<String, String> environment, PrintStream out) throws InterruptedException {
		LauncherOptions options = LauncherOptions.parse(args, environment);
		Path root = repositoryRoot();
		StateDirectory state = new StateDirectory(options.stateDirectory(root));
		if (options.command() == LauncherOptions.Command.INFRA) {
			Set<InfrastructureComponent> components = EnumSet.noneOf(InfrastructureComponent.class);
			options.arguments().forEach((argument) -> components.add(InfrastructureComponent.fromArgument(argument)));
			return new EmbeddedInfrastructure(state, components, out).run();
		}
		LauncherContext context = new LauncherContext(root, state, options.portBase(), environment, out);
		return switch (options.command()) {
			case START -> new StartCommand(context).run();
			case STOP -> new StopCommand(context).run();
			case STATUS -> new StatusCommand(context).run();
			case LOGS -> new LogsCommand(context, options.arguments().get(0)).run();
			case ADMIN -> new AdminCommand(context, AdminArguments.parse(options.arguments(), environment),
					AdminCommand.console())
				.run();
			case RUNNING -> StopCommand.ALL.stream().anyMatch((name) -> context.processes().running(name).isPresent())
					? 0 : LauncherException.FAILURE;
			case HELP, INFRA -> {
				out.print(USAGE);
				yield 0;
			}
		};
	}

	/**
	 * The repository root: {@code -Dontask.home} (set by the script), else the folder
	 * above {@code launcher/target/launcher.jar}, else the working directory.
	 */
	static Path repositoryRoot() {
		String home = System.getProperty("ontask.home");
		if (home != null && !home.isBlank()) {
			return Path.of(home).toAbsolutePath().normalize();
		}
		String classPath = System.getProperty("java.class.path", "");
		if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
			Path jar = Path.of(classPath).toAbsolutePath().normalize();
			Path root = (jar.getParent() != null && jar.getParent().getParent() != null)
					? jar.getParent().getParent().getParent() : null;
			if (root != null && Files.isDirectory(root.resolve("launcher"))) {
				return root;
			}
		}
		return Path.of("").toAbsolutePath();
	}

}
