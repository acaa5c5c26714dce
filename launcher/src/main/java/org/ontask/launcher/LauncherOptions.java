package org.ontask.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed command line: a command, its arguments and the options {@code --port-base N}
 * (or {@code ONTASK_PORT_BASE}) and {@code --state-dir DIR} (or
 * {@code ONTASK_STATE_DIR}).
 *
 * @param command what to do
 * @param arguments the command's positional arguments (the app of {@code logs}, the
 * servers of {@code infra}, everything after {@code admin})
 * @param portBase the port of the gateway; every other port is relative to it
 * @param stateDirectory the state folder given on the command line or in the environment,
 * or null for the default
 */
record LauncherOptions(Command command, List<String> arguments, int portBase, Path stateDirectory) {

	static final String PORT_BASE_VARIABLE = "ONTASK_PORT_BASE";

	static final String STATE_DIR_VARIABLE = "ONTASK_STATE_DIR";

	/** What the launcher can do. */
	enum Command {

		START, STOP, STATUS, LOGS, HELP,

		/**
		 * {@code admin create-superuser|import-users ...}: its own arguments, options
		 * included, are parsed by {@link AdminArguments}.
		 */
		ADMIN,

		/** Internal: the background process that runs the embedded servers. */
		INFRA,

		/**
		 * Internal: exits with 0 when a process of the state folder runs, so the script
		 * does not rebuild the jars under running apps.
		 */
		RUNNING

	}

	static LauncherOptions parse(String[] args, Map<String, String> environment) {
		Command command = null;
		List<String> arguments = new ArrayList<>();
		String portBase = nonBlank(environment.get(PORT_BASE_VARIABLE));
		String portBaseSource = PORT_BASE_VARIABLE;
		String stateDirectory = nonBlank(environment.get(STATE_DIR_VARIABLE));
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--port-base") || arg.startsWith("--port-base=")) {
				portBase = optionValue(args, i, "--port-base");
				portBaseSource = "--port-base";
				i += arg.contains("=") ? 0 : 1;
			}
			else if (arg.equals("--state-dir") || arg.startsWith("--state-dir=")) {
				stateDirectory = optionValue(args, i, "--state-dir");
				i += arg.contains("=") ? 0 : 1;
			}
			else if (command == Command.ADMIN) {
				arguments.add(arg);
			}
			else if (arg.equals("-h") || arg.equals("--help")) {
				command = Command.HELP;
			}
			else if (arg.startsWith("-")) {
				throw new LauncherException("Unknown option " + arg + ".", LauncherException.USAGE);
			}
			else if (command == null) {
				command = command(arg);
			}
			else {
				arguments.add(arg);
			}
		}
		if (command == null) {
			command = Command.HELP;
		}
		checkArguments(command, arguments);
		return new LauncherOptions(command, List.copyOf(arguments), portBase(portBase, portBaseSource),
				(stateDirectory != null) ? Path.of(stateDirectory) : null);
	}

	/**
	 * The state folder: the one asked for, else {@code .ontask/} in the repository.
	 * @param root the repository root
	 * @return an absolute path
	 */
	Path stateDirectory(Path root) {
		Path directory = (this.stateDirectory != null) ? this.stateDirectory : root.resolve(".ontask");
		return directory.toAbsolutePath().normalize();
	}

	private static Command command(String name) {
		try {
			return Command.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new LauncherException("Unknown command '" + name + "'.", LauncherException.USAGE);
		}
	}

	private static void checkArguments(Command command, List<String> arguments) {
		if (command == Command.LOGS) {
			if (arguments.size() != 1) {
				throw new LauncherException("Which log? Give one of: " + App.names() + ", infra.",
						LauncherException.USAGE);
			}
		}
		else if (command != Command.INFRA && command != Command.ADMIN && !arguments.isEmpty()) {
			throw new LauncherException("Unexpected argument '" + arguments.get(0) + "'.", LauncherException.USAGE);
		}
	}

	private static String optionValue(String[] args, int index, String option) {
		String arg = args[index];
		if (arg.startsWith(option + "=")) {
			return arg.substring(option.length() + 1);
		}
		if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
			throw new LauncherException(option + " needs a value.", LauncherException.USAGE);
		}
		return args[index + 1];
	}

	private static int portBase(String value, String source) {
		if (value == null) {
			return App.DEFAULT_PORT_BASE;
		}
		int max = 65535 - App.MAX_PORT_OFFSET;
		try {
			int base = Integer.parseInt(value.trim());
			if (base >= 1024 && base <= max) {
				return base;
			}
		}
		catch (NumberFormatException ex) {
			// reported below together with the range
		}
		throw new LauncherException(source + " must be a number from 1024 to " + max
				+ " (the apps use it up to +808), not '" + value + "'.", LauncherException.USAGE);
	}

	private static String nonBlank(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
