package org.ontask.deploymentcheck;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external tool (docker-compose, kubectl, node, npm) to completion. A tool that
 * is not installed fails with the hint of how to install it: the check never skips.
 */
final class Command {

	private Command() {
	}

	/**
	 * The outcome of a finished command.
	 *
	 * @param exitCode the process exit code
	 * @param stdout what it printed
	 * @param stderr what it printed on stderr
	 */
	record Result(int exitCode, String stdout, String stderr) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

		String output() {
			return (this.stdout + "\n" + this.stderr).strip();
		}

	}

	/**
	 * Runs a command in a folder.
	 * @param command the program and its arguments
	 * @param directory the working directory
	 * @param environment the whole environment of the process, or null to inherit this
	 * one
	 * @param timeout how long it may take
	 * @param installHint what to tell when the program is not installed
	 * @return its exit code and output
	 */
	static Result run(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
			String installHint) {
		try {
			Path stdout = Files.createTempFile("deployment-check", ".out");
			Path stderr = Files.createTempFile("deployment-check", ".err");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
					.redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
				if (environment != null) {
					builder.environment().clear();
					builder.environment().putAll(environment);
				}
				Process process;
				try {
					process = builder.start();
				}
				catch (IOException ex) {
					throw new IllegalStateException(
							command.get(0) + " is not installed or not on the PATH. " + installHint, ex);
				}
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
				}
				return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
			}
			finally {
				Files.deleteIfExists(stdout);
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command, ex);
		}
	}

}
