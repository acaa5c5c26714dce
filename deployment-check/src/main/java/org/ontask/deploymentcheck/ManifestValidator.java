package org.ontask.deploymentcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Validates rendered manifests against the Kubernetes schemas, offline, with the npm
 * package kubernetes-models (versions pinned in {@code src/main/node/package-lock.json}).
 * The node script and its dependencies are installed with {@code npm ci} into a work
 * folder, again only when the lock file changed.
 */
public final class ManifestValidator {

	private static final String INSTALL_NODE = "Install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm).";

	private static final List<String> SOURCES = List.of("package.json", "package-lock.json", "validate-manifests.mjs");

	private final Path sources;

	private final Path workDir;

	/**
	 * A validator whose node script lives in {@code sources} and is installed in
	 * {@code workDir}.
	 * @param sources the folder with package.json, package-lock.json and
	 * validate-manifests.mjs
	 * @param workDir where they are copied and node_modules is installed
	 */
	public ManifestValidator(Path sources, Path workDir) {
		this.sources = sources;
		this.workDir = workDir;
	}

	/**
	 * Validates every object of the given files.
	 * @param manifests files of rendered manifests
	 * @return one line per invalid object; empty when all are valid
	 */
	public List<String> validate(List<Path> manifests) {
		install(this.sources, this.workDir);
		List<String> command = new ArrayList<>(List.of("node", "validate-manifests.mjs"));
		manifests.forEach((manifest) -> command.add(manifest.toAbsolutePath().toString()));
		Command.Result result = Command.run(command, this.workDir, null, Duration.ofSeconds(60), INSTALL_NODE);
		if (result.succeeded()) {
			return List.of();
		}
		List<String> problems = new ArrayList<>();
		for (String line : result.output().split("\n")) {
			if (!line.isBlank() && !line.matches("\\d+ objects valid, \\d+ invalid")) {
				problems.add("schema: " + line);
			}
		}
		return problems.isEmpty() ? List.of("schema validation failed: " + result.output()) : problems;
	}

	// test classes may validate at the same time; npm ci must run once
	private static synchronized void install(Path sources, Path workDir) {
		try {
			Files.createDirectories(workDir);
			for (String source : SOURCES) {
				// only when changed: another test may be running node on these files
				if (!Files.exists(workDir.resolve(source))
						|| Files.mismatch(sources.resolve(source), workDir.resolve(source)) != -1) {
					Files.copy(sources.resolve(source), workDir.resolve(source),
							java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
			Path marker = workDir.resolve("node_modules/.installed-from-lock");
			String lock = sha256(workDir.resolve("package-lock.json"));
			if (Files.isRegularFile(marker) && Files.readString(marker).equals(lock)) {
				return;
			}
			Command.Result result = Command.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"),
					workDir, null, Duration.ofSeconds(180), INSTALL_NODE);
			if (!result.succeeded()) {
				throw new IllegalStateException("npm ci in " + workDir + " failed: " + result.output());
			}
			Files.writeString(marker, lock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
