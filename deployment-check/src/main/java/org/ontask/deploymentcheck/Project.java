package org.ontask.deploymentcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the code says the system is: the apps (from the root pom's modules) and the
 * {@code ONTASK_*} variables each app reads through its {@code application.yml} and the
 * config-repo files config-server serves it.
 */
public final class Project {

	private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

	/**
	 * {@code ${ONTASK_X}} or {@code ${ONTASK_X:default}}; group 2 is the colon of a
	 * default.
	 */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(ONTASK_[A-Z0-9_]+)(:)?");

	private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[^:}]+:(\\d+)}");

	private final Path root;

	/**
	 * A project rooted at the folder that holds the root {@code pom.xml}.
	 * @param root the repository root (or a copy of its deployment-relevant files)
	 */
	public Project(Path root) {
		this.root = root;
	}

	/**
	 * The root of the project.
	 * @return the folder of the root pom
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * The apps, in the root pom's module order.
	 * @return every module with the spring-boot-maven-plugin and a {@code server.port}
	 */
	public List<App> apps() {
		List<App> apps = new ArrayList<>();
		for (String module : modules()) {
			Path pom = this.root.resolve(module).resolve("pom.xml");
			Path yml = applicationYml(module);
			if (!Files.isRegularFile(pom) || !read(pom).contains("<artifactId>spring-boot-maven-plugin</artifactId>")
					|| !Files.isRegularFile(yml)) {
				continue;
			}
			Map<String, Object> config = Yaml.firstDocument(read(yml));
			Object port = Yaml.at(config, "server", "port");
			if (port == null) {
				continue;
			}
			Object configImport = Yaml.at(config, "spring", "config", "import");
			apps.add(new App(module, port(module, port),
					configImport != null && configImport.toString().contains("configserver:")));
		}
		return apps;
	}

	/**
	 * The {@code ONTASK_*} variables an app reads when it runs with a profile, and
	 * whether each must be set: it must when at least one reference has no default
	 * ({@code ${ONTASK_X}}); {@code ${ONTASK_X:default}} everywhere means it may stay
	 * unset.
	 * @param app the app
	 * @param profile {@code docker} or {@code k8s}
	 * @return variable name to "must be set", sorted by name
	 */
	public Map<String, Boolean> variables(App app, String profile) {
		Map<String, Boolean> variables = new TreeMap<>();
		for (Path file : configurationFiles(app, profile)) {
			String text = withoutCommentLines(read(file));
			Matcher matcher = VARIABLE.matcher(text);
			while (matcher.find()) {
				boolean undefaulted = matcher.group(2) == null;
				variables.merge(matcher.group(1), undefaulted, Boolean::logicalOr);
			}
		}
		return variables;
	}

	/**
	 * The files an app's configuration comes from in a profile, those that exist.
	 * @param app the app
	 * @param profile the Spring profile
	 * @return its own {@code application.yml}, then the config-repo files served to it
	 */
	public List<Path> configurationFiles(App app, String profile) {
		List<Path> files = new ArrayList<>();
		files.add(applicationYml(app.name()));
		if (app.usesConfigServer()) {
			Path repo = this.root.resolve("config-repo");
			for (String name : List.of("application.yml", "application-" + profile + ".yml", app.name() + ".yml",
					app.name() + "-" + profile + ".yml")) {
				if (Files.isRegularFile(repo.resolve(name))) {
					files.add(repo.resolve(name));
				}
			}
		}
		return files;
	}

	List<String> modules() {
		List<String> modules = new ArrayList<>();
		Matcher matcher = MODULE.matcher(read(this.root.resolve("pom.xml")));
		while (matcher.find()) {
			modules.add(matcher.group(1));
		}
		return modules;
	}

	Path applicationYml(String module) {
		return this.root.resolve(module).resolve("src/main/resources/application.yml");
	}

	private static int port(String module, Object port) {
		String text = port.toString().trim();
		Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(text);
		if (placeholder.matches()) {
			text = placeholder.group(1);
		}
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(module + ": server.port '" + text + "' is not a number", ex);
		}
	}

	private static String withoutCommentLines(String text) {
		StringBuilder kept = new StringBuilder();
		for (String line : text.split("\n", -1)) {
			if (!line.stripLeading().startsWith("#")) {
				kept.append(line).append('\n');
			}
		}
		return kept.toString();
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
