package org.ontask.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StateDirectoryTests {

	@TempDir
	Path root;

	@Test
	void recordsAndForgetsPids() {
		StateDirectory state = new StateDirectory(this.root);
		state.create();
		state.writePid("gateway", 4242);
		assertThat(state.pidFile("gateway")).hasContent("4242");
		assertThat(state.readPid("gateway")).hasValue(4242);
		state.deletePid("gateway");
		assertThat(state.readPid("gateway")).isEmpty();
	}

	@Test
	void ignoresADamagedPidFile() throws Exception {
		StateDirectory state = new StateDirectory(this.root);
		state.create();
		Files.writeString(state.pidFile("gateway"), "not a pid");
		assertThat(state.readPid("gateway")).isEmpty();
	}

	@Test
	void roundTripsPropertiesWithUrlsAndEmptyValues() {
		StateDirectory state = new StateDirectory(this.root);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("ONTASK_DB_URL", "jdbc:postgresql://127.0.0.1:5432/ontask");
		values.put("ONTASK_DB_PASSWORD", "");
		values.put("ONTASK_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672");
		state.writeProperties(state.infraProperties(), "test", values);
		assertThat(state.readProperties(state.infraProperties())).isEqualTo(values);
	}

	@Test
	void tailsTheEndOfALog() throws Exception {
		StateDirectory state = new StateDirectory(this.root);
		state.create();
		Files.writeString(state.log("auth-service"),
				IntStream.rangeClosed(1, 100).mapToObj((i) -> "line " + i).collect(Collectors.joining("\n")) + "\n");
		assertThat(state.tail(state.log("auth-service"), 40)).hasSize(40).startsWith("line 61").endsWith("line 100");
		assertThat(state.tail(state.log("gateway"), 40)).isEmpty();
	}

	@Test
	void tailsOnlyWhatTheLatestStartWrote() throws Exception {
		StateDirectory state = new StateDirectory(this.root);
		state.create();
		Files.writeString(state.log("gateway"),
				"==== gateway started\nold failure\n==== gateway started\nnew failure\n");
		assertThat(state.tail(state.log("gateway"), 40)).containsExactly("new failure");
	}

}
