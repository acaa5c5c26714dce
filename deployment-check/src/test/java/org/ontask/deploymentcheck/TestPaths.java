package org.ontask.deploymentcheck;

import java.nio.file.Path;

/**
 * Where the repository and the node validator are, as the module's pom tells the tests.
 */
final class TestPaths {

	private TestPaths() {
	}

	static Path root() {
		return Path.of(System.getProperty("deployment-check.root", "..")).toAbsolutePath().normalize();
	}

	static ManifestValidator validator() {
		return new ManifestValidator(Path.of(System.getProperty("deployment-check.node-sources", "src/main/node")),
				Path.of(System.getProperty("deployment-check.node-dir", "target/node")));
	}

	static Path target() {
		return Path.of(System.getProperty("deployment-check.node-dir", "target/node")).getParent();
	}

}
