package org.ontask.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The folder where {@code ./ontask} keeps what outlives one command: logs, pid files, the
 * embedded PostgreSQL cluster, the first admin's credentials and the addresses of the
 * embedded servers.
 */
final class StateDirectory {

	/** The name under which the embedded servers' process is recorded. */
	static final String INFRA = "infra";

	private final Path root;

	StateDirectory(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	Path root() {
		return this.root;
	}

	Path logs() {
		return this.root.resolve("logs");
	}

	Path log(String name) {
		return logs().resolve(name + ".log");
	}

	Path pids() {
		return this.root.resolve("pids");
	}

	Path pidFile(String name) {
		return pids().resolve(name + ".pid");
	}

	/** The child processes of the infrastructure process, to stop if it dies first. */
	Path infraChildren() {
		return pids().resolve("infra-children");
	}

	Path postgresData() {
		return this.root.resolve("postgres");
	}

	Path amqpWork() {
		return this.root.resolve("amqp");
	}

	Path adminCredentials() {
		return this.root.resolve("admin-credentials");
	}

	/** The installation's generated keys (see {@link InstallationSecrets}). */
	Path secrets() {
		return this.root.resolve("secrets");
	}

	/** Written by the infrastructure process once every embedded server is ready. */
	Path infraProperties() {
		return this.root.resolve("infra.properties");
	}

	/** How the running system was started (its port base), for status. */
	Path launchProperties() {
		return this.root.resolve("launch.properties");
	}

	void create() {
		try {
			Files.createDirectories(logs());
			Files.createDirectories(pids());
		}
		catch (IOException ex) {
			throw new LauncherException("Cannot create the state folder " + this.root + ": " + ex.getMessage(), ex);
		}
	}

	OptionalLong readPid(String name) {
		Path file = pidFile(name);
		if (!Files.isRegularFile(file)) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			// a pid file we cannot read cannot name a process we may signal
			return OptionalLong.empty();
		}
	}

	void writePid(String name, long pid) {
		writeAtomically(pidFile(name), pid + "\n");
	}

	void deletePid(String name) {
		try {
			Files.deleteIfExists(pidFile(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Properties as a sorted map; empty when the file does not exist. */
	Map<String, String> readProperties(Path file) {
		Map<String, String> values = new TreeMap<>();
		if (!Files.isRegularFile(file)) {
			return values;
		}
		Properties properties = new Properties();
		try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		properties.stringPropertyNames().forEach((key) -> values.put(key, properties.getProperty(key)));
		return values;
	}

	/**
	 * Writes {@code key=value} lines so that a reader never sees half a file.
	 * @param file the file to replace
	 * @param comment the first line, without the {@code #}
	 * @param values the values; none may contain a backslash or a line break
	 */
	void writeProperties(Path file, String comment, Map<String, String> values) {
		StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
		values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		writeAtomically(file, text.toString());
	}

	/** The last lines of a log, for an error message. */
	List<String> tail(Path file, int lines) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			// the end of a long log is enough: 40 lines of a stack trace fit in 256 KiB
			long start = Math.max(0, in.length() - 256 * 1024);
			byte[] bytes = new byte[(int) (in.length() - start)];
			in.seek(start);
			in.readFully(bytes);
			List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
			// only what the latest start wrote: the log keeps every start's output
			int from = Math.max(0, all.size() - lines);
			for (int i = all.size() - 1; i >= from; i--) {
				if (all.get(i).startsWith(AppProcesses.LOG_HEADER_PREFIX)) {
					from = i + 1;
					break;
				}
			}
			return all.subList(from, all.size());
		}
		catch (IOException ex) {
			return List.of("(cannot read " + file + ": " + ex.getMessage() + ")");
		}
	}

	/** A path for messages: relative to the working directory when it is inside it. */
	static String display(Path path) {
		Path cwd = Path.of("").toAbsolutePath();
		return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
	}

	private static void writeAtomically(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
			Files.writeString(temporary, text, StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
