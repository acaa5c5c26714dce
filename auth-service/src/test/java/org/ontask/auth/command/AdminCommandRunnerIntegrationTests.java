package org.ontask.auth.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ontask.auth.AuthServiceApplication;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccountService;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service started the way {@code ./ontask admin} starts it: no web server, one
 * command, an exit status, against real PostgreSQL and RabbitMQ.
 */
class AdminCommandRunnerIntegrationTests {

	@TempDir
	Path folder;

	private ConfigurableApplicationContext run(String... arguments) {
		String[] all = new String[arguments.length + 1];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		// the test keeps its JVM
		all[arguments.length] = "--ontask.command.exit=false";
		return new SpringApplicationBuilder(AuthServiceApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.properties("spring.rabbitmq.listener.simple.auto-startup=false")
			.run(all);
	}

	private static int exitCode(ConfigurableApplicationContext context) {
		return context.getBean(ExitCodeGenerator.class).getExitCode();
	}

	@Test
	void createSuperuserMakesAnAdministratorOnceAndImportUsersImportsAFile() throws IOException {
		try (ConfigurableApplicationContext context = run("--ontask.command.run=create-superuser",
				"--ontask.command.email=Root.Command@Example.org", "--ontask.command.name=Root <Command>",
				"--ontask.command.password=a long enough password")) {
			assertThat(exitCode(context)).isZero();
			UserAccountService accounts = context.getBean(UserAccountService.class);
			assertThat(accounts.findByEmail("root.command@example.org").orElseThrow().getRoles())
				.containsExactlyInAnyOrder(Role.ADMIN, Role.INSTRUCTOR);
			// the event was forwarded to RabbitMQ before the command finished
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL "
						+ "AND serialized_event LIKE '%root.command@example.org%'", Integer.class))
				.isZero();
		}
		try (ConfigurableApplicationContext context = run("--ontask.command.run=create-superuser",
				"--ontask.command.email=root.command@example.org",
				"--ontask.command.password=a long enough password")) {
			assertThat(exitCode(context)).isEqualTo(AdminCommandRunner.REFUSED);
		}
		try (ConfigurableApplicationContext context = run("--ontask.command.run=create-superuser",
				"--ontask.command.email=short@example.org", "--ontask.command.password=short")) {
			assertThat(exitCode(context)).isEqualTo(AdminCommandRunner.REFUSED);
			assertThat(context.getBean(UserAccountService.class).findByEmail("short@example.org")).isEmpty();
		}

		Path good = Files.writeString(this.folder.resolve("class.csv"),
				"student,email\nA,cli.one@example.org\nB,CLI.two@example.org\nC,cli.one@example.org\n");
		Path bad = Files.writeString(this.folder.resolve("bad.csv"),
				"student,email\nA,cli.three@example.org\nB,nope\n");
		try (ConfigurableApplicationContext context = run("--ontask.command.run=import-users",
				"--ontask.command.file=" + bad, "--ontask.command.column=email")) {
			assertThat(exitCode(context)).isEqualTo(AdminCommandRunner.REFUSED);
			assertThat(context.getBean(UserAccountService.class).findByEmail("cli.three@example.org")).isEmpty();
		}
		try (ConfigurableApplicationContext context = run("--ontask.command.run=import-users",
				"--ontask.command.file=" + good, "--ontask.command.column=email",
				"--ontask.command.instructors=true")) {
			assertThat(exitCode(context)).isZero();
			UserAccountService accounts = context.getBean(UserAccountService.class);
			assertThat(accounts.findByEmail("cli.two@example.org").orElseThrow().getRoles())
				.containsExactly(Role.INSTRUCTOR);
			AdminCommandRunner runner = context.getBean(AdminCommandRunner.class);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			runner.output(new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
			assertThat(runner.execute("reboot")).isEqualTo(AdminCommandRunner.USAGE);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown admin command 'reboot'");
		}
		try (ConfigurableApplicationContext context = run("--ontask.command.run=import-users",
				"--ontask.command.file=" + this.folder.resolve("missing.csv"))) {
			assertThat(exitCode(context)).isEqualTo(AdminCommandRunner.USAGE);
		}
	}

}
