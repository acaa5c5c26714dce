package org.ontask.deploymentcheck;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed docker-compose.yml and k8s/ overlays match the apps. The table of every
 * variable and where it is set is written to target/deployment-variables.md.
 */
class DeploymentFilesIntegrationTests {

	private static DeploymentCheck.Report report;

	@BeforeAll
	static void check(@TempDir Path workDir) {
		report = DeploymentCheck.run(TestPaths.root(), workDir, TestPaths.validator());
		DeploymentCheck.write(TestPaths.target().resolve("deployment-variables.md"),
				DeploymentCheck.variableTable(TestPaths.root(), report));
	}

	@Test
	void findsEveryApp() {
		assertThat(new Project(TestPaths.root()).apps()).extracting(App::name)
			.contains("config-server", "gateway", "auth-service", "workflow-service", "dataops-service",
					"action-service", "scheduler-service")
			.doesNotContain("platform", "launcher", "deployment-check");
	}

	@Test
	void profileFilesAndCopiesMatch() {
		assertThat(report.files()).as("config-repo profile files and copies").isEmpty();
	}

	@Test
	void composeHasEveryAppWithItsNameAndPort() {
		assertThat(report.compose()).as("docker-compose.yml").isEmpty();
	}

	@Test
	void everyOverlayHasEveryAppWithItsNameAndPort() {
		assertThat(report.kubernetes()).as("k8s overlays").isEmpty();
		assertThat(report.kubernetesVariables()).containsOnlyKeys("local", "production");
	}

	@Test
	void everyVariableReadWithoutDefaultIsSet() {
		assertThat(report.variables())
			.as("ONTASK_* variables read without a default but not set (table: target/deployment-variables.md)")
			.isEmpty();
	}

	@Test
	void renderedManifestsMatchTheKubernetesSchemas() {
		assertThat(report.schemas()).as("Kubernetes schemas").isEmpty();
	}

}
