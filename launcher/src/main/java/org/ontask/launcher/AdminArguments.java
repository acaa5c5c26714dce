package org.ontask.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code ./ontask admin}:
 * <ul>
 * <li>{@code create-superuser [--email E] [--name N] [--password P]}, each also from
 * {@code ONTASK_SUPERUSER_EMAIL}, {@code ONTASK_SUPERUSER_NAME},
 * {@code ONTASK_SUPERUSER_PASSWORD}; what is missing is asked for;</li>
 * <li>{@code import-users FILE.csv [--column NAME] [--instructors] [--dry-run]}.</li>
 * </ul>
 *
 * @param command {@code create-superuser}, {@code import-users} or {@code help}
 * @param email the superuser's email, or null to ask
 * @param name the superuser's name, or null to ask
 * @param password the superuser's password, or null to ask
 * @param file the CSV file to import
 * @param column the header of the column of emails
 * @param instructors whether imported accounts are instructors
 * @param dryRun whether the import only reports what it would do
 */
record AdminArguments(String command, String email, String name, String password, Path file, String column,
		boolean instructors, boolean dryRun) {

	static final String CREATE_SUPERUSER = "create-superuser";

	static final String IMPORT_USERS = "import-users";

	static final String HELP = "help";

	static final String USAGE = """
			Usage: ./ontask admin <command>   (OnTask must be running: ./ontask start, or set ONTASK_DB_URL
			                                   and ONTASK_AMQP_URL to the servers of your installation)

			  create-superuser [--email E] [--name N] [--password P]
			      an account with the ADMIN and INSTRUCTOR roles; what is not given is asked for
			      (or comes from ONTASK_SUPERUSER_EMAIL, ONTASK_SUPERUSER_NAME, ONTASK_SUPERUSER_PASSWORD)
			  import-users FILE.csv [--column NAME] [--instructors] [--dry-run]
			      an account (without a password) for each email in the column NAME (default "email")
			      of a UTF-8 CSV file with a header line; as instructors, else learners. Nothing is
			      created if any line holds an invalid email; --dry-run only reports what would happen.
			""";

	static AdminArguments parse(List<String> args, Map<String, String> environment) {
		if (args.isEmpty()) {
			throw new LauncherException(
					"Which admin command? " + CREATE_SUPERUSER + " or " + IMPORT_USERS + ".\n\n" + USAGE,
					LauncherException.USAGE);
		}
		String command = args.get(0);
		List<String> rest = args.subList(1, args.size());
		return switch (command) {
			case CREATE_SUPERUSER -> createSuperuser(rest, environment);
			case IMPORT_USERS -> importUsers(rest);
			case HELP, "-h", "--help" -> new AdminArguments(HELP, null, null, null, null, null, false, false);
			default -> throw new LauncherException("Unknown admin command '" + command + "'.\n\n" + USAGE,
					LauncherException.USAGE);
		};
	}

	private static AdminArguments createSuperuser(List<String> args, Map<String, String> environment) {
		String email = nonBlank(environment.get("ONTASK_SUPERUSER_EMAIL"));
		String name = nonBlank(environment.get("ONTASK_SUPERUSER_NAME"));
		String password = nonBlank(environment.get("ONTASK_SUPERUSER_PASSWORD"));
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String option = optionName(arg);
			switch (option) {
				case "--email" -> email = value(args, i, option);
				case "--name" -> name = value(args, i, option);
				case "--password" -> password = value(args, i, option);
				default -> throw unexpected(arg, CREATE_SUPERUSER);
			}
			i += arg.contains("=") ? 0 : 1;
		}
		return new AdminArguments(CREATE_SUPERUSER, email, name, password, null, null, false, false);
	}

	private static AdminArguments importUsers(List<String> args) {
		Path file = null;
		String column = "email";
		boolean instructors = false;
		boolean dryRun = false;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String option = optionName(arg);
			if (option.equals("--column")) {
				column = value(args, i, option);
				i += arg.contains("=") ? 0 : 1;
			}
			else if (arg.equals("--instructors")) {
				instructors = true;
			}
			else if (arg.equals("--dry-run")) {
				dryRun = true;
			}
			else if (arg.startsWith("-") || file != null) {
				throw unexpected(arg, IMPORT_USERS);
			}
			else {
				file = Path.of(arg);
			}
		}
		if (file == null) {
			throw new LauncherException("import-users needs the CSV file to import.\n\n" + USAGE,
					LauncherException.USAGE);
		}
		if (column.isBlank()) {
			throw new LauncherException("--column needs the header of the column of emails.", LauncherException.USAGE);
		}
		return new AdminArguments(IMPORT_USERS, null, null, null, file, column, instructors, dryRun);
	}

	private static String optionName(String arg) {
		int equals = arg.indexOf('=');
		return (arg.startsWith("--") && equals > 0) ? arg.substring(0, equals) : arg;
	}

	private static String value(List<String> args, int index, String option) {
		String arg = args.get(index);
		if (arg.startsWith(option + "=")) {
			return arg.substring(option.length() + 1);
		}
		if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
			throw new LauncherException(option + " needs a value.", LauncherException.USAGE);
		}
		return args.get(index + 1);
	}

	private static LauncherException unexpected(String arg, String command) {
		return new LauncherException("Unexpected argument '" + arg + "' for " + command + ".\n\n" + USAGE,
				LauncherException.USAGE);
	}

	private static String nonBlank(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
