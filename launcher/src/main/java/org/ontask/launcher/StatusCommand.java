package org.ontask.launcher;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * {@code status}: one line per app (running or not, pid, readiness), then the embedded
 * servers.
 */
final class StatusCommand {

	private final LauncherContext context;

	StatusCommand(LauncherContext context) {
		this.context = context;
	}

	int run() {
		PrintStream out = this.context.out();
		AppProcesses processes = this.context.processes();
		Readiness readiness = new Readiness();
		int portBase = recordedPortBase(this.context);
		int running = 0;
		for (App app : App.values()) {
			Optional<ProcessHandle> process = processes.running(app.appName());
			int port = app.port(portBase);
			if (process.isPresent()) {
				running++;
				out.printf("%-18s running      pid %-8d %-12s http://localhost:%d%n", app.appName(),
						process.get().pid(), readiness.check(port), port);
			}
			else {
				out.printf("%-18s not running%n", app.appName());
			}
		}
		Optional<ProcessHandle> infra = processes.running(StateDirectory.INFRA);
		if (infra.isPresent()) {
			Map<String, String> values = this.context.state().readProperties(this.context.state().infraProperties());
			out.printf("%-18s running      pid %-8d %s%n", StateDirectory.INFRA, infra.get().pid(),
					values.isEmpty() ? "starting" : StartCommand.describe(values));
		}
		else {
			String embedded = this.context.state()
				.readProperties(this.context.state().launchProperties())
				.getOrDefault("embedded", "");
			String note = "";
			if (running > 0) {
				note = embedded.isEmpty() ? " (the apps use external servers)"
						: " (it stopped unexpectedly, see ./ontask logs infra; restart with ./ontask stop and ./ontask start)";
			}
			out.printf("%-18s not running%s%n", StateDirectory.INFRA, note);
		}
		return 0;
	}

	/** The port base of the running system, else the one asked for. */
	static int recordedPortBase(LauncherContext context) {
		String recorded = context.state().readProperties(context.state().launchProperties()).get("port.base");
		if (recorded != null) {
			try {
				return Integer.parseInt(recorded.trim());
			}
			catch (NumberFormatException ex) {
				// a damaged file: fall back to the option
			}
		}
		return context.portBase();
	}

}
