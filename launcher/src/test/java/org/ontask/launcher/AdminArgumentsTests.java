package org.ontask.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminArgumentsTests {

	@Test
	void theLauncherPassesEverythingAfterAdminToTheAdminCommand() {
		LauncherOptions options = LauncherOptions.parse(new String[] { "admin", "import-users", "class.csv", "--column",
				"Email", "--instructors", "--state-dir", "/tmp/s" }, Map.of());
		assertThat(options.command()).isEqualTo(LauncherOptions.Command.ADMIN);
		assertThat(options.arguments()).containsExactly("import-users", "class.csv", "--column", "Email",
				"--instructors");
		assertThat(options.stateDirectory(Path.of("/repo"))).isEqualTo(Path.of("/tmp/s"));
	}

	@Test
	void createSuperuserTakesOptionsInEitherFormAndFallsBackToTheEnvironment() {
		AdminArguments given = AdminArguments.parse(
				List.of("create-superuser", "--email", "root@example.org", "--name=Root User", "--password", "p w"),
				Map.of());
		assertThat(given.command()).isEqualTo("create-superuser");
		assertThat(given.email()).isEqualTo("root@example.org");
		assertThat(given.name()).isEqualTo("Root User");
		assertThat(given.password()).isEqualTo("p w");
		AdminArguments fromEnvironment = AdminArguments.parse(List.of("create-superuser", "--name", "Other"),
				Map.of("ONTASK_SUPERUSER_EMAIL", "env@example.org", "ONTASK_SUPERUSER_PASSWORD", "from env",
						"ONTASK_SUPERUSER_NAME", "Env"));
		assertThat(fromEnvironment.email()).isEqualTo("env@example.org");
		assertThat(fromEnvironment.name()).isEqualTo("Other");
		assertThat(fromEnvironment.password()).isEqualTo("from env");
		AdminArguments nothing = AdminArguments.parse(List.of("create-superuser"), Map.of());
		assertThat(nothing.email()).isNull();
		assertThat(nothing.password()).isNull();
	}

	@Test
	void importUsersNeedsOneFileAndDefaultsToTheEmailColumn() {
		AdminArguments defaults = AdminArguments.parse(List.of("import-users", "list.csv"), Map.of());
		assertThat(defaults.file()).isEqualTo(Path.of("list.csv"));
		assertThat(defaults.column()).isEqualTo("email");
		assertThat(defaults.instructors()).isFalse();
		assertThat(defaults.dryRun()).isFalse();
		AdminArguments all = AdminArguments
			.parse(List.of("import-users", "--dry-run", "--column=Mail", "list.csv", "--instructors"), Map.of());
		assertThat(all.column()).isEqualTo("Mail");
		assertThat(all.instructors()).isTrue();
		assertThat(all.dryRun()).isTrue();
	}

	@Test
	void wrongArgumentsAreUsageErrorsThatSayWhatIsWrong() {
		record Case(List<String> args, String message) {
		}
		for (Case wrong : List.of(new Case(List.of(), "Which admin command?"),
				new Case(List.of("reboot"), "Unknown admin command 'reboot'"),
				new Case(List.of("import-users"), "needs the CSV file"),
				new Case(List.of("import-users", "a.csv", "b.csv"), "Unexpected argument 'b.csv'"),
				new Case(List.of("import-users", "a.csv", "--column"), "--column needs a value"),
				new Case(List.of("import-users", "a.csv", "--teachers"), "Unexpected argument '--teachers'"),
				new Case(List.of("create-superuser", "--email"), "--email needs a value"),
				new Case(List.of("create-superuser", "root@example.org"), "Unexpected argument 'root@example.org'"))) {
			assertThatExceptionOfType(LauncherException.class).as("%s", wrong.args())
				.isThrownBy(() -> AdminArguments.parse(wrong.args(), Map.of()))
				.withMessageContaining(wrong.message())
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(LauncherException.USAGE));
		}
		assertThat(AdminArguments.parse(List.of("help"), Map.of()).command()).isEqualTo("help");
	}

}
