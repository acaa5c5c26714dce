package org.ontask.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminCommandTests {

	@TempDir
	Path root;

	private LauncherContext context(Map<String, String> environment, ByteArrayOutputStream out) {
		return new LauncherContext(this.root, new StateDirectory(this.root.resolve(".ontask")), 8080, environment,
				new PrintStream(out, true, StandardCharsets.UTF_8));
	}

	private static AdminCommand.Prompt answers(String... answers) {
		Deque<String> queue = new ArrayDeque<>(List.of(answers));
		return new AdminCommand.Prompt() {
			@Override
			public String line(String question) {
				return queue.poll();
			}

			@Override
			public String password(String question) {
				return queue.poll();
			}
		};
	}

	@Test
	void startsAuthServiceWithoutAWebServerOnTheRepositorysConfiguration() {
		List<String> superuser = AdminCommand.applicationArguments(new AdminArguments("create-superuser",
				"root@example.org", "Root User", "secret password", null, null, false, false), Path.of("/repo"));
		assertThat(superuser).contains("--spring.main.web-application-type=none",
				"--spring.config.import=optional:file:/repo/config-repo/application.yml,optional:file:/repo/config-repo/auth-service.yml",
				"--spring.rabbitmq.listener.simple.auto-startup=false", "--ontask.command.run=create-superuser",
				"--ontask.command.email=root@example.org", "--ontask.command.name=Root User");
		assertThat(String.join(" ", superuser)).as("the password never shows in the process list")
			.doesNotContain("secret password");
		List<String> importUsers = AdminCommand.applicationArguments(
				new AdminArguments("import-users", null, null, null, Path.of("/data/class.csv"), "Email", true, false),
				Path.of("/repo"));
		assertThat(importUsers).contains("--ontask.command.run=import-users", "--ontask.command.file=/data/class.csv",
				"--ontask.command.column=Email", "--ontask.command.instructors=true", "--ontask.command.dry-run=false");
	}

	@Test
	void refusesClearlyWhenOnTaskIsNotRunningAndNoDatabaseIsConfigured() {
		AdminCommand command = new AdminCommand(context(Map.of(), new ByteArrayOutputStream()),
				AdminArguments.parse(List.of("import-users", "x.csv"), Map.of()), answers());
		assertThatExceptionOfType(LauncherException.class).isThrownBy(command::run)
			.withMessageContaining("it is not running")
			.withMessageContaining("./ontask start")
			.withMessageContaining("ONTASK_DB_URL");
		AdminCommand external = new AdminCommand(
				context(Map.of("ONTASK_DB_URL", "jdbc:postgresql://db/ontask"), new ByteArrayOutputStream()),
				AdminArguments.parse(List.of("import-users", "x.csv"), Map.of()), answers());
		assertThat(external.infrastructure()).as("the environment is passed on as it is").isEmpty();
	}

	@Test
	void checksTheFileAndThePasswordsBeforeStartingAnything() throws IOException {
		Path jar = this.root.resolve("auth-service/target/auth-service.jar");
		Files.createDirectories(jar.getParent());
		Files.writeString(jar, "not run");
		Map<String, String> external = Map.of("ONTASK_DB_URL", "jdbc:postgresql://db/ontask");
		AdminCommand missingFile = new AdminCommand(context(external, new ByteArrayOutputStream()),
				AdminArguments.parse(List.of("import-users", this.root.resolve("none.csv").toString()), Map.of()),
				answers());
		assertThatExceptionOfType(LauncherException.class).isThrownBy(missingFile::run)
			.withMessageContaining("Cannot read the file");
		AdminCommand mismatch = new AdminCommand(context(external, new ByteArrayOutputStream()),
				AdminArguments.parse(List.of("create-superuser"), Map.of()),
				answers("root@example.org", "", "first password", "other password"));
		assertThatExceptionOfType(LauncherException.class).isThrownBy(mismatch::run)
			.withMessageContaining("not the same; nothing was created");
		AdminCommand noEmail = new AdminCommand(context(external, new ByteArrayOutputStream()),
				AdminArguments.parse(List.of("create-superuser"), Map.of()), answers(" "));
		assertThatExceptionOfType(LauncherException.class).isThrownBy(noEmail::run)
			.withMessageContaining("needs an email");
	}

	@Test
	void helpNeedsNoRunningSystem() throws InterruptedException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = new AdminCommand(context(Map.of(), out), AdminArguments.parse(List.of("help"), Map.of()), answers())
			.run();
		assertThat(code).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("create-superuser").contains("import-users");
	}

}
