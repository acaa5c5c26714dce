package org.ontask.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code logs <app>}: prints an app's whole log (or the embedded servers' log).
 */
final class LogsCommand {

	private final LauncherContext context;

	private final String name;

	LogsCommand(LauncherContext context, String name) {
		this.context = context;
		this.name = name;
	}

	int run() {
		if (App.named(this.name).isEmpty() && !StateDirectory.INFRA.equals(this.name)) {
			throw new LauncherException(
					"Unknown app '" + this.name + "'. Valid names: " + App.names() + ", " + StateDirectory.INFRA + ".",
					LauncherException.USAGE);
		}
		Path log = this.context.state().log(this.name);
		if (!Files.isRegularFile(log)) {
			throw new LauncherException("No log for " + this.name + " yet (" + log + "): it has not been started.",
					LauncherException.FAILURE);
		}
		try {
			Files.copy(log, this.context.out());
		}
		catch (IOException ex) {
			throw new LauncherException("Cannot read " + log + ": " + ex.getMessage(), ex);
		}
		this.context.out().flush();
		return 0;
	}

}
