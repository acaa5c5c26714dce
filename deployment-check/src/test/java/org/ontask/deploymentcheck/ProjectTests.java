package org.ontask.deploymentcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How the check reads the code: which modules are apps, and which variables must be set.
 */
class ProjectTests {

	@TempDir
	Path root;

	@Test
	void appsAreBootModulesWithAServerPort() throws IOException {
		write("pom.xml", "<modules><module>lib</module><module>tool</module><module>demo-service</module></modules>");
		write("lib/pom.xml", "<project/>");
		write("tool/pom.xml", "<artifactId>spring-boot-maven-plugin</artifactId>");
		write("demo-service/pom.xml", "<artifactId>spring-boot-maven-plugin</artifactId>");
		write("demo-service/src/main/resources/application.yml", """
				spring:
				  config:
				    import: optional:configserver:${CONFIG_SERVER_URL:http://localhost:8888}
				server:
				  port: ${PORT:8086}
				""");

		assertThat(new Project(this.root).apps()).containsExactly(new App("demo-service", 8086, true));
	}

	@Test
	void aPortThatIsNotANumberIsReported() throws IOException {
		write("pom.xml", "<module>demo-service</module>");
		write("demo-service/pom.xml", "<artifactId>spring-boot-maven-plugin</artifactId>");
		write("demo-service/src/main/resources/application.yml", "server:\n  port: eighty\n");

		assertThatIllegalStateException().isThrownBy(() -> new Project(this.root).apps())
			.withMessage("demo-service: server.port 'eighty' is not a number");
	}

	@Test
	void aVariableMustBeSetWhenOneReferenceHasNoDefault() throws IOException {
		write("demo-service/src/main/resources/application.yml", "own: ${ONTASK_OWN}\n");
		write("config-repo/application.yml", """
				# ${ONTASK_IN_A_COMMENT} is not read
				shared: ${ONTASK_SHARED:x}
				empty-default: ${ONTASK_EMPTY:}
				twice: ${ONTASK_TWICE:x}
				""");
		write("config-repo/application-k8s.yml", "twice: ${ONTASK_TWICE}\n");
		write("config-repo/demo-service.yml", "mine: ${ONTASK_MINE}\n");
		write("config-repo/other-service.yml", "theirs: ${ONTASK_THEIRS}\n");
		App app = new App("demo-service", 8086, true);

		assertThat(new Project(this.root).variables(app, "k8s")).isEqualTo(Map.of("ONTASK_OWN", true, "ONTASK_SHARED",
				false, "ONTASK_EMPTY", false, "ONTASK_TWICE", true, "ONTASK_MINE", true));
		assertThat(new Project(this.root).variables(app, "docker")).containsEntry("ONTASK_TWICE", false);
		assertThat(new Project(this.root).variables(new App("demo-service", 8086, false), "k8s"))
			.as("an app without config-server reads only its own application.yml")
			.isEqualTo(Map.of("ONTASK_OWN", true));
	}

	private void write(String path, String text) throws IOException {
		Path file = this.root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

}
