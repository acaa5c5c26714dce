package org.ontask.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LauncherOptionsTests {

	private static final Path ROOT = Path.of("/repo");

	@Test
	void defaultsToHelpWithoutArguments() {
		LauncherOptions options = LauncherOptions.parse(new String[0], Map.of());
		assertThat(options.command()).isEqualTo(LauncherOptions.Command.HELP);
	}

	@Test
	void defaultsToTheArchitecturePortsAndTheStateFolderInTheRepository() {
		LauncherOptions options = LauncherOptions.parse(new String[] { "start" }, Map.of());
		assertThat(options.command()).isEqualTo(LauncherOptions.Command.START);
		assertThat(options.portBase()).isEqualTo(8080);
		assertThat(options.stateDirectory(ROOT)).isEqualTo(Path.of("/repo/.ontask"));
	}

	@Test
	void readsPortBaseAndStateFolderFromOptionsInEitherForm() {
		LauncherOptions spaced = LauncherOptions
			.parse(new String[] { "start", "--port-base", "20000", "--state-dir", "/tmp/state" }, Map.of());
		LauncherOptions joined = LauncherOptions
			.parse(new String[] { "--port-base=20000", "--state-dir=/tmp/state", "start" }, Map.of());
		for (LauncherOptions options : List.of(spaced, joined)) {
			assertThat(options.command()).isEqualTo(LauncherOptions.Command.START);
			assertThat(options.portBase()).isEqualTo(20000);
			assertThat(options.stateDirectory(ROOT)).isEqualTo(Path.of("/tmp/state"));
		}
	}

	@Test
	void readsPortBaseAndStateFolderFromTheEnvironment() {
		LauncherOptions options = LauncherOptions.parse(new String[] { "status" },
				Map.of("ONTASK_PORT_BASE", "9000", "ONTASK_STATE_DIR", "/var/ontask"));
		assertThat(options.portBase()).isEqualTo(9000);
		assertThat(options.stateDirectory(ROOT)).isEqualTo(Path.of("/var/ontask"));
	}

	@Test
	void prefersOptionsToTheEnvironment() {
		LauncherOptions options = LauncherOptions.parse(
				new String[] { "status", "--port-base", "9100", "--state-dir", "/b" },
				Map.of("ONTASK_PORT_BASE", "9000", "ONTASK_STATE_DIR", "/a"));
		assertThat(options.portBase()).isEqualTo(9100);
		assertThat(options.stateDirectory(ROOT)).isEqualTo(Path.of("/b"));
	}

	@Test
	void resolvesARelativeStateFolderAgainstTheWorkingDirectory() {
		LauncherOptions options = LauncherOptions.parse(new String[] { "stop", "--state-dir", "state" }, Map.of());
		assertThat(options.stateDirectory(ROOT)).isEqualTo(Path.of("state").toAbsolutePath());
	}

	@Test
	void takesTheAppOfLogs() {
		LauncherOptions options = LauncherOptions.parse(new String[] { "logs", "auth-service" }, Map.of());
		assertThat(options.command()).isEqualTo(LauncherOptions.Command.LOGS);
		assertThat(options.arguments()).containsExactly("auth-service");
	}

	@Test
	void takesTheServersOfInfra() {
		LauncherOptions options = LauncherOptions
			.parse(new String[] { "infra", "--state-dir", "/s", "postgres", "smtp" }, Map.of());
		assertThat(options.command()).isEqualTo(LauncherOptions.Command.INFRA);
		assertThat(options.arguments()).containsExactly("postgres", "smtp");
	}

	@Test
	void rejectsLogsWithoutAnApp() {
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> LauncherOptions.parse(new String[] { "logs" }, Map.of()))
			.withMessageContaining("auth-service")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(LauncherException.USAGE));
	}

	@Test
	void rejectsUnknownCommandsOptionsAndArguments() {
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> LauncherOptions.parse(new String[] { "restart" }, Map.of()))
			.withMessageContaining("restart");
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> LauncherOptions.parse(new String[] { "start", "--verbose" }, Map.of()))
			.withMessageContaining("--verbose");
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> LauncherOptions.parse(new String[] { "stop", "gateway" }, Map.of()))
			.withMessageContaining("gateway");
	}

	@Test
	void rejectsAMissingOptionValue() {
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> LauncherOptions.parse(new String[] { "start", "--port-base" }, Map.of()))
			.withMessageContaining("--port-base needs a value");
		assertThatExceptionOfType(LauncherException.class).isThrownBy(
				() -> LauncherOptions.parse(new String[] { "start", "--state-dir", "--port-base", "9000" }, Map.of()))
			.withMessageContaining("--state-dir needs a value");
	}

	@Test
	void rejectsPortBasesThatAreNotNumbersOrLeaveNoRoomForConfigServer() {
		for (String portBase : List.of("abc", "80", "65000")) {
			assertThatExceptionOfType(LauncherException.class)
				.isThrownBy(() -> LauncherOptions.parse(new String[] { "start", "--port-base", portBase }, Map.of()))
				.withMessageContaining("--port-base must be a number from 1024 to 64727")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(LauncherException.USAGE));
		}
		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> LauncherOptions.parse(new String[] { "start" }, Map.of("ONTASK_PORT_BASE", "x")))
			.withMessageContaining("ONTASK_PORT_BASE");
	}

}
