package org.ontask.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherContextTests {

	private static final Path ROOT = Path.of("/repo");

	@Test
	void theAppsThatDoBulkWorkGetTheFullJitAndTheRestTheQuickOne() {
		LauncherContext context = context(Map.of());
		assertThat(context.javaOptions(App.DATAOPS_SERVICE)).doesNotContain("-XX:TieredStopAtLevel=1")
			.contains("-Xmx512m");
		assertThat(context.javaOptions(App.ACTION_SERVICE)).doesNotContain("-XX:TieredStopAtLevel=1");
		assertThat(context.javaOptions(App.AUTH_SERVICE)).contains("-XX:TieredStopAtLevel=1", "-Xmx512m");
		assertThat(context.javaOptions(App.GATEWAY)).contains("-XX:TieredStopAtLevel=1");
	}

	@Test
	void javaOptionsFromTheEnvironmentApplyToEveryApp() {
		LauncherContext context = context(Map.of("ONTASK_JAVA_OPTS", " -Xmx1g  -XX:+UseG1GC "));
		for (App app : App.values()) {
			assertThat(context.javaOptions(app)).containsExactly("-Xmx1g", "-XX:+UseG1GC");
		}
	}

	private static LauncherContext context(Map<String, String> environment) {
		return new LauncherContext(ROOT, new StateDirectory(ROOT.resolve(".ontask")), 8080, environment,
				new PrintStream(PrintStream.nullOutputStream()));
	}

}
