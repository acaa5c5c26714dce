package org.ontask.deploymentcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ontask.deploymentcheck.DeploymentCheck.Part;

import static org.assertj.core.api.Assertions.assertThat;

/** The check catches drift: each test breaks a copy of the repository's files one way. */
class DriftCheckIntegrationTests {

	@TempDir
	Path temp;

	@Test
	void catchesAnAppPortThatComposeAndKubernetesDoNotFollow() throws IOException {
		Path copy = copy();
		replace(copy.resolve("auth-service/src/main/resources/application.yml"), "port: 8081", "port: 9081");

		DeploymentCheck.Report report = check(copy, false);

		assertThat(report.compose()).anySatisfy((problem) -> assertThat(problem)
			.contains("docker-compose.yml service auth-service: expose is [8081] but the app listens on 9081"));
		assertThat(report.kubernetes())
			.anySatisfy((problem) -> assertThat(problem)
				.startsWith("k8s/overlays/local: auth-service: the Service has no port 9081"))
			.anySatisfy((problem) -> assertThat(problem).startsWith(
					"k8s/overlays/production: auth-service: the container has no port named http with containerPort 9081"));
		assertThat(report.files())
			.anySatisfy((problem) -> assertThat(problem).contains("config-repo/application-k8s.yml: ")
				.contains("http://auth-service:8081 but auth-service listens on 9081"));
	}

	@Test
	void catchesARenamedPortInComposeOrKubernetes() throws IOException {
		Path copy = copy();
		replace(copy.resolve("docker-compose.yml"), "- \"8083\"", "- \"8093\"");
		replace(copy.resolve("k8s/base/action-service.yaml"), "port: 8084", "port: 8094");

		DeploymentCheck.Report report = check(copy, false);

		assertThat(report.compose()).containsExactly(
				"docker-compose.yml service dataops-service: expose is [8093] but the app listens on 8083 (server.port in dataops-service/src/main/resources/application.yml)");
		assertThat(report.kubernetes()).hasSize(2)
			.allSatisfy((problem) -> assertThat(problem).contains("action-service: the Service has no port 8084"));
	}

	@Test
	void catchesAnAppWithoutDeployment() throws IOException {
		Path copy = copy();
		replace(copy.resolve("k8s/base/kustomization.yaml"), "  - workflow-service.yaml\n", "");

		DeploymentCheck.Report report = check(copy, false, Part.KUBERNETES);

		assertThat(report.kubernetes()).contains(
				"k8s/overlays/local: workflow-service: no Deployment named workflow-service",
				"k8s/overlays/production: workflow-service: no Service named workflow-service");
	}

	@Test
	void catchesAVariableReadWithoutDefaultThatIsNotSet() throws IOException {
		Path copy = copy();
		append(copy.resolve("config-repo/dataops-service.yml"),
				"upload:\n  limit: ${ONTASK_UPLOAD_LIMIT}\n  chunk: ${ONTASK_UPLOAD_CHUNK:1MB}\n");
		// set for every compose service through env_file, but in no overlay
		append(copy.resolve("config-repo/application.yml"), "shared:\n  thing: ${ONTASK_SHARED_THING}\n");
		append(copy.resolve(".env.example"), "ONTASK_SHARED_THING=1\n");

		DeploymentCheck.Report report = check(copy, false);

		assertThat(report.variables()).filteredOn((problem) -> problem.contains("ONTASK_UPLOAD_LIMIT"))
			.hasSize(3)
			.allSatisfy((problem) -> assertThat(problem).contains(
					"dataops-service does not set ONTASK_UPLOAD_LIMIT, which config-repo/dataops-service.yml reads without a default"))
			.anySatisfy((problem) -> assertThat(problem).startsWith("compose: "))
			.anySatisfy((problem) -> assertThat(problem).startsWith("k8s/overlays/local: "))
			.anySatisfy((problem) -> assertThat(problem).startsWith("k8s/overlays/production: "));
		assertThat(report.variables()).filteredOn((problem) -> problem.contains("ONTASK_SHARED_THING"))
			.hasSize(2 * 6)
			.allSatisfy((problem) -> assertThat(problem).startsWith("k8s/overlays/"));
		assertThat(report.variables()).as("a variable with a default need not be set")
			.noneSatisfy((problem) -> assertThat(problem).contains("ONTASK_UPLOAD_CHUNK"));
	}

	@Test
	void rejectsKeysComposeV1DoesNotKnow() throws IOException {
		Path copy = copy();
		Path compose = copy.resolve("docker-compose.yml");
		Files.writeString(compose, "name: ontask\n" + Files.readString(compose));

		assertThat(check(copy, false, Part.COMPOSE).compose()).singleElement()
			.satisfies(
					(problem) -> assertThat(problem).startsWith("docker-compose -f docker-compose.yml config -q failed")
						.contains("name"));
	}

	@Test
	void rejectsManifestsTheKubernetesSchemasReject() throws IOException {
		Path copy = copy();
		replace(copy.resolve("k8s/base/gateway.yaml"), "averageUtilization: 70", "averageUtilization: seventy");

		DeploymentCheck.Report report = check(copy, true, Part.KUBERNETES);

		assertThat(report.schemas()).hasSize(2)
			.allSatisfy((problem) -> assertThat(problem).contains("HorizontalPodAutoscaler/gateway")
				.contains("averageUtilization must be integer"));
	}

	@Test
	void rejectsAnImageWithAProfileOrRunningAsRoot() throws IOException {
		String dockerfile = Files.readString(TestPaths.root().resolve("docker/Dockerfile"));
		List<String> problems = new java.util.ArrayList<>();

		DeploymentCheck.checkDockerfile(dockerfile, problems);
		assertThat(problems).isEmpty();

		DeploymentCheck.checkDockerfile(
				dockerfile.replace("USER 10001:10001", "ENV SPRING_PROFILES_ACTIVE=docker\nUSER root"), problems);
		assertThat(problems).containsExactly(
				"docker/Dockerfile bakes a profile or an ONTASK_* setting into the image; compose and k8s set them",
				"docker/Dockerfile must run the app as a non-root USER");
	}

	private Path copy() {
		return Staging.copy(TestPaths.root(), this.temp.resolve("copy"));
	}

	private DeploymentCheck.Report check(Path copy, boolean schemas, Part... parts) {
		Set<Part> checked = (parts.length == 0) ? EnumSet.allOf(Part.class) : EnumSet.copyOf(List.of(parts));
		return DeploymentCheck.run(copy, this.temp.resolve("work"), schemas ? TestPaths.validator() : null, checked);
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertThat(text).as(file + " to break").contains(from);
		Files.writeString(file, text.replace(from, to));
	}

	private static void append(Path file, String text) throws IOException {
		Files.writeString(file, Files.readString(file) + "\n" + text);
	}

}
