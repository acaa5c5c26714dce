package org.ontask.deploymentcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the files deployment depends on (poms, the apps' {@code application.yml},
 * config-repo, docker, k8s, docker-compose.yml, .env.example), in which the committed
 * examples stand in for the gitignored files an operator creates: {@code .env} from
 * {@code .env.example} and each {@code secrets.env} from its {@code secrets.env.example}.
 * The check renders this copy, so it never depends on, nor sees, anybody's real secrets.
 */
public final class Staging {

	private static final List<String> TREES = List.of("config-repo", "docker", "k8s");

	private static final List<String> FILES = List.of("pom.xml", "docker-compose.yml", ".env.example");

	private Staging() {
	}

	/**
	 * Copies the deployment-relevant files of a project (without gitignored secrets).
	 * @param root the project root
	 * @param target an empty folder
	 * @return the copy's root
	 */
	public static Path copy(Path root, Path target) {
		try {
			for (String file : FILES) {
				copyFile(root.resolve(file), target.resolve(file));
			}
			for (String tree : TREES) {
				copyTree(root.resolve(tree), target.resolve(tree));
			}
			Project project = new Project(root);
			for (String module : project.modules()) {
				copyFile(root.resolve(module).resolve("pom.xml"), target.resolve(module).resolve("pom.xml"));
				copyFile(project.applicationYml(module), new Project(target).applicationYml(module));
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Creates {@code .env} and every {@code secrets.env} from their committed examples.
	 * @param stage a copy made by {@link #copy}
	 */
	static void fillInExamples(Path stage) {
		try {
			copyFile(stage.resolve(".env.example"), stage.resolve(".env"));
			if (Files.isDirectory(stage.resolve("k8s"))) {
				try (Stream<Path> files = Files.walk(stage.resolve("k8s"))) {
					for (Path example : files.filter((f) -> f.getFileName().toString().equals("secrets.env.example"))
						.toList()) {
						copyFile(example, example.resolveSibling("secrets.env"));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		if (!Files.isDirectory(from)) {
			return;
		}
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				// the operator's own secrets are never copied
				if (name.equals("secrets.env") || name.equals(".env")) {
					continue;
				}
				copyFile(file, to.resolve(from.relativize(file).toString()));
			}
		}
	}

	private static void copyFile(Path from, Path to) throws IOException {
		if (Files.isRegularFile(from)) {
			Files.createDirectories(to.getParent());
			Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
		}
	}

}
