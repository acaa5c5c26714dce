package org.ontask.auth.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ontask.auth.AuthServiceApplication;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccountService;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service started the way {@code ./ontask admin} starts it (no web server, one
 * command, an exit status) against real PostgreSQL and RabbitMQ; then, in the same
 * context, the runner is given other arguments to cover the refusals without starting a
 * JVM's worth of contexts.
 */
class AdminCommandRunnerIntegrationTests {

	@TempDir
	Path folder;

	@Test
	void createSuperuserAndImportUsersWorkAndRefuseWhatIsWrong() throws IOException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServiceApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("test")
			.properties("spring.rabbitmq.listener.simple.auto-startup=false")
			// the test keeps its JVM
			.run("--ontask.command.run=create-superuser", "--ontask.command.email=Root.Command@Example.org",
					"--ontask.command.name=Root <Command>", "--ontask.command.password=a long enough password",
					"--ontask.command.exit=false")) {
			assertThat(context.getBean(ExitCodeGenerator.class).getExitCode()).isZero();
			UserAccountService accounts = context.getBean(UserAccountService.class);
			assertThat(accounts.findByEmail("root.command@example.org").orElseThrow().getRoles())
				.containsExactlyInAnyOrder(Role.ADMIN, Role.INSTRUCTOR);
			// the event reached RabbitMQ before the command finished
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL "
						+ "AND serialized_event LIKE '%root.command@example.org%'", Integer.class))
				.isZero();

			AdminCommandRunner runner = context.getBean(AdminCommandRunner.class);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			runner.output(new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
			Map<String, Object> arguments = new HashMap<>();
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("arguments", arguments));

			arguments.put("ontask.command.email", "root.command@example.org");
			assertThat(runner.execute("create-superuser")).isEqualTo(AdminCommandRunner.REFUSED);
			assertThat(err.toString(StandardCharsets.UTF_8))
				.contains("There is already an account for root.command@example.org.");
			arguments.put("ontask.command.email", "short@example.org");
			arguments.put("ontask.command.password", "short");
			assertThat(runner.execute("create-superuser")).isEqualTo(AdminCommandRunner.REFUSED);
			assertThat(accounts.findByEmail("short@example.org")).isEmpty();
			arguments.put("ontask.command.password", "");
			assertThat(runner.execute("create-superuser")).isEqualTo(AdminCommandRunner.USAGE);

			Path good = Files.writeString(this.folder.resolve("class.csv"),
					"student,email\nA,cli.one@example.org\nB,CLI.two@example.org\nC,cli.one@example.org\n");
			Path bad = Files.writeString(this.folder.resolve("bad.csv"),
					"student,email\nA,cli.three@example.org\nB,nope\n");
			arguments.put("ontask.command.file", bad.toString());
			assertThat(runner.execute("import-users")).isEqualTo(AdminCommandRunner.REFUSED);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3: \"nope\"");
			assertThat(accounts.findByEmail("cli.three@example.org")).isEmpty();
			arguments.put("ontask.command.file", good.toString());
			arguments.put("ontask.command.instructors", "true");
			arguments.put("ontask.command.dry-run", "true");
			assertThat(runner.execute("import-users")).isZero();
			assertThat(accounts.findByEmail("cli.one@example.org")).isEmpty();
			arguments.put("ontask.command.dry-run", "false");
			assertThat(runner.execute("import-users")).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8))
				.contains("2 account(s) created as instructors, 0 already existed, 1 duplicate line(s) skipped.");
			assertThat(accounts.findByEmail("cli.two@example.org").orElseThrow().getRoles())
				.containsExactly(Role.INSTRUCTOR);
			arguments.put("ontask.command.file", this.folder.resolve("missing.csv").toString());
			assertThat(runner.execute("import-users")).isEqualTo(AdminCommandRunner.USAGE);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("There is no file");
			assertThat(runner.execute("reboot")).isEqualTo(AdminCommandRunner.USAGE);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown admin command 'reboot'");
		}
	}

}
