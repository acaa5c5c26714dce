package org.ontask.auth.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import org.ontask.auth.user.AccountImport;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs the command named by {@code ontask.command.run} once the application has started
 * (normally without a web server), then exits with its status: 0 done, 1 refused or
 * failed, 2 wrong arguments.
 * <ul>
 * <li>{@code create-superuser}: {@code ontask.command.email}, {@code ontask.command.name}
 * (default "Administrator") and the password in {@code ONTASK_COMMAND_PASSWORD} (never on
 * the command line, where other users could read it): an account with the ADMIN and
 * INSTRUCTOR roles.</li>
 * <li>{@code import-users}: {@code ontask.command.file}, {@code ontask.command.column}
 * (default "email"), {@code ontask.command.instructors}, {@code ontask.command.dry-run}:
 * see {@link AccountImport}.</li>
 * </ul>
 * The events of the command go through the outbox like any other; before exiting it waits
 * (up to {@code ontask.command.forward-timeout}, default 20 s) until they have reached
 * RabbitMQ, and says so when some have not (a running auth-service resends them).
 */
@Component
@ConditionalOnProperty("ontask.command.run")
class AdminCommandRunner implements ApplicationRunner, ExitCodeGenerator {

	static final int OK = 0;

	static final int REFUSED = 1;

	static final int USAGE = 2;

	private final Environment environment;

	private final UserAccountService accounts;

	private final AccountImport accountImport;

	private final JdbcClient jdbc;

	private final ConfigurableApplicationContext context;

	private PrintStream out = System.out;

	private PrintStream err = System.err;

	private volatile int exitCode = -1;

	AdminCommandRunner(Environment environment, UserAccountService accounts, AccountImport accountImport,
			JdbcClient jdbc, ConfigurableApplicationContext context) {
		this.environment = environment;
		this.accounts = accounts;
		this.accountImport = accountImport;
		this.jdbc = jdbc;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		Instant started = Instant.now().minusSeconds(1);
		this.exitCode = execute(this.environment.getProperty("ontask.command.run", ""));
		if (this.exitCode == OK) {
			awaitForwarding(started);
		}
		if (this.environment.getProperty("ontask.command.exit", Boolean.class, true)) {
			int code = this.exitCode;
			System.exit(SpringApplication.exit(this.context, () -> code));
		}
	}

	@Override
	public int getExitCode() {
		return Math.max(this.exitCode, 0);
	}

	int execute(String command) {
		try {
			return switch (command) {
				case "create-superuser" -> createSuperuser();
				case "import-users" -> importUsers();
				default -> {
					this.err.println("Unknown admin command '" + command
							+ "'; the commands are create-superuser and import-users.");
					yield USAGE;
				}
			};
		}
		catch (ResponseStatusException ex) {
			this.err.println(ex.getReason());
			return REFUSED;
		}
	}

	private int createSuperuser() {
		String email = property("ontask.command.email");
		String password = property("ontask.command.password");
		if (email.isBlank() || password.isEmpty()) {
			this.err.println(
					"create-superuser needs an email (--email) and a password (asked for, or ONTASK_SUPERUSER_PASSWORD).");
			return USAGE;
		}
		String name = property("ontask.command.name");
		UserAccount account = this.accounts.create(email, name.isBlank() ? "Administrator" : name, password,
				EnumSet.of(Role.ADMIN, Role.INSTRUCTOR));
		this.out.println("Created the administrator " + account.getEmail() + " (account " + account.getId() + ").");
		return OK;
	}

	private int importUsers() {
		String file = property("ontask.command.file");
		if (file.isBlank()) {
			this.err.println("import-users needs a CSV file.");
			return USAGE;
		}
		byte[] content;
		try {
			content = Files.readAllBytes(Path.of(file));
		}
		catch (NoSuchFileException ex) {
			this.err.println("There is no file " + file + ".");
			return USAGE;
		}
		catch (IOException ex) {
			this.err.println("Cannot read " + file + ": " + ex.getMessage());
			return USAGE;
		}
		String column = property("ontask.command.column");
		AccountImport.Report report = this.accountImport.run(content, column.isBlank() ? "email" : column,
				this.environment.getProperty("ontask.command.instructors", Boolean.class, false),
				this.environment.getProperty("ontask.command.dry-run", Boolean.class, false));
		this.out.println(report.summary());
		report.created()
			.forEach((email) -> this.out.println((report.dryRun() ? "  would create " : "  created ") + email));
		report.alreadyExisting().forEach((email) -> this.out.println("  already existed: " + email));
		report.duplicates()
			.forEach((d) -> this.out.println("  line " + d.line() + ": " + d.value() + " (" + d.reason() + ")"));
		return OK;
	}

	/** Waits until the events this command published have reached the broker. */
	private void awaitForwarding(Instant since) {
		Duration timeout = this.environment.getProperty("ontask.command.forward-timeout", Duration.class,
				Duration.ofSeconds(20));
		Instant deadline = Instant.now().plus(timeout);
		long pending = pending(since);
		while (pending > 0 && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			pending = pending(since);
		}
		if (pending > 0) {
			this.err.println(pending + " event(s) of this command have not reached RabbitMQ yet; they are kept in the"
					+ " outbox, and a running auth-service sends them within a minute.");
		}
	}

	private long pending(Instant since) {
		return this.jdbc
			.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND publication_date >= ?")
			.param(Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	private String property(String name) {
		String value = this.environment.getProperty(name);
		return (value != null) ? value : "";
	}

	void output(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

}
