package org.ontask.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code stop}: stops exactly the processes recorded in the state folder, the gateway
 * first so no request reaches a half-stopped system, the embedded servers last.
 */
final class StopCommand {

	/** Stopped group by group; the processes of one group together. */
	static final List<List<String>> STOP_ORDER = List.of(List.of(App.GATEWAY.appName()),
			App.services().stream().map(App::appName).toList(), List.of(App.CONFIG_SERVER.appName()),
			List.of(StateDirectory.INFRA));

	/** Every process name the state folder may record. */
	static final List<String> ALL = STOP_ORDER.stream().flatMap(List::stream).toList();

	private final LauncherContext context;

	StopCommand(LauncherContext context) {
		this.context = context;
	}

	int run() {
		StateDirectory state = this.context.state();
		AppProcesses processes = this.context.processes();
		List<String> running = ALL.stream().filter((name) -> processes.running(name).isPresent()).toList();
		if (!running.isEmpty()) {
			this.context.out().println("Stopping OnTask: " + String.join(", ", running));
		}
		List<String> stopped = stopInOrder(processes, ALL);
		processes.stopOrphans();
		deleteIfExists(state.infraProperties());
		deleteIfExists(state.launchProperties());
		this.context.out()
			.println(stopped.isEmpty() ? "OnTask is not running."
					: "OnTask stopped (" + stopped.size() + " processes).");
		return 0;
	}

	/**
	 * Stops those of the named processes that run, in {@link #STOP_ORDER}.
	 * @param processes the processes of a state folder
	 * @param names the names to stop
	 * @return the names of those that were running
	 */
	static List<String> stopInOrder(AppProcesses processes, Collection<String> names) {
		return stopInOrder(processes, names, AppProcesses.STOP_GRACE);
	}

	/**
	 * Stops those of the named processes that run, in {@link #STOP_ORDER}.
	 * @param processes the processes of a state folder
	 * @param names the names to stop
	 * @param grace how long each group may take to stop cleanly
	 * @return the names of those that were running
	 */
	static List<String> stopInOrder(AppProcesses processes, Collection<String> names, Duration grace) {
		List<String> stopped = new ArrayList<>();
		for (List<String> group : STOP_ORDER) {
			List<String> selected = group.stream().filter(names::contains).toList();
			if (!selected.isEmpty()) {
				stopped.addAll(processes.stop(selected, grace));
			}
		}
		return stopped;
	}

	private static void deleteIfExists(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new LauncherException("Cannot delete " + file + ": " + ex.getMessage(), ex);
		}
	}

}
