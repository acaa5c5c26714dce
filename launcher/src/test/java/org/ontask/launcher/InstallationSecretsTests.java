package org.ontask.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InstallationSecretsTests {

	@TempDir
	Path state;

	@Test
	void generatesKeysOnceAndKeepsThemReadableOnlyByTheUser() throws Exception {
		Path file = this.state.resolve("secrets");
		Map<String, String> first = InstallationSecrets.resolve(Map.of(), file);
		assertThat(first).containsOnlyKeys("ONTASK_INTERNAL_SECRET", "ONTASK_SECRET_KEY");
		assertThat(first.get("ONTASK_INTERNAL_SECRET")).hasSize(44).isNotEqualTo(first.get("ONTASK_SECRET_KEY"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(InstallationSecrets.resolve(Map.of(), file)).isEqualTo(first);
	}

	@Test
	void environmentWinsAndIsNotWrittenDown() throws Exception {
		Path file = this.state.resolve("secrets");
		Map<String, String> secrets = InstallationSecrets
			.resolve(Map.of("ONTASK_INTERNAL_SECRET", "from-env", "ONTASK_SECRET_KEY", "key-from-env"), file);
		assertThat(secrets).containsEntry("ONTASK_INTERNAL_SECRET", "from-env")
			.containsEntry("ONTASK_SECRET_KEY", "key-from-env");
		assertThat(file).doesNotExist();
	}

}
