package org.ontask.launcher;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AppProcessesTests {

	@TempDir
	Path root;

	@Test
	void startsRecordsFindsAndStopsAProcess() throws Exception {
		StateDirectory state = new StateDirectory(this.root.resolve("state"));
		state.create();
		AppProcesses processes = new AppProcesses(state, System.getenv(), System.out);
		Process process = processes.launch("gateway", List.of("-Xmx32m"), waitingJar(), List.of(), Map.of());
		try {
			assertThat(state.readPid("gateway")).hasValue(process.pid());
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(state.log("gateway")).content().contains("waiting"));
			assertThat(processes.running("gateway")).map(ProcessHandle::pid).hasValue(process.pid());
			assertThat(processes.stop(List.of("gateway"))).containsExactly("gateway");
			assertThat(process.isAlive()).isFalse();
			assertThat(state.pidFile("gateway")).doesNotExist();
			assertThat(processes.running("gateway")).isEmpty();
		}
		finally {
			process.destroyForcibly();
		}
	}

	@Test
	void trustsNoRecordedPidWhoseProcessIsNotOurs() {
		StateDirectory state = new StateDirectory(this.root);
		state.create();
		// this test's own JVM is alive, but it carries no marker of this state folder
		state.writePid("gateway", ProcessHandle.current().pid());
		AppProcesses processes = new AppProcesses(state, Map.of(), System.out);
		assertThat(processes.running("gateway")).isEmpty();
		assertThat(processes.stop(List.of("gateway"))).isEmpty();
		assertThat(ProcessHandle.current().isAlive()).isTrue();
		assertThat(state.pidFile("gateway")).doesNotExist();
	}

	@Test
	void doesNotTakeAnotherStateFoldersProcessForItsOwn() throws Exception {
		StateDirectory mine = new StateDirectory(this.root.resolve("mine"));
		StateDirectory other = new StateDirectory(this.root.resolve("other"));
		mine.create();
		other.create();
		AppProcesses otherProcesses = new AppProcesses(other, System.getenv(), System.out);
		Process process = otherProcesses.launch("gateway", List.of("-Xmx32m"), waitingJar(), List.of(), Map.of());
		try {
			mine.writePid("gateway", process.pid());
			assertThat(new AppProcesses(mine, Map.of(), System.out).running("gateway")).isEmpty();
			assertThat(otherProcesses.running("gateway")).isPresent();
		}
		finally {
			otherProcesses.stop(List.of("gateway"));
			process.destroyForcibly();
		}
	}

	/** A runnable jar of {@link WaitingMain}, built from the test classes. */
	private Path waitingJar() throws Exception {
		Path jar = this.root.resolve("waiting.jar");
		if (Files.exists(jar)) {
			return jar;
		}
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, WaitingMain.class.getName());
		String entry = WaitingMain.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest);
				var classFile = WaitingMain.class.getClassLoader().getResourceAsStream(entry)) {
			out.putNextEntry(new JarEntry(entry));
			classFile.transferTo(out);
			out.closeEntry();
		}
		return jar;
	}

}
