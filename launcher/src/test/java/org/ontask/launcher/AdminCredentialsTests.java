package org.ontask.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AdminCredentialsTests {

	@TempDir
	Path state;

	@Test
	void generatesAnAdminReadableOnlyByTheUser() throws Exception {
		Path file = this.state.resolve("admin-credentials");
		AdminCredentials admin = AdminCredentials.resolve(Map.of(), file);
		assertThat(admin.email()).isEqualTo("admin@ontask.local");
		assertThat(admin.password()).hasSize(20).matches("[A-Za-z0-9]{20}");
		assertThat(admin.generated()).isTrue();
		assertThat(admin.file()).isEqualTo(file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file)).contains("email=admin@ontask.local", "password=" + admin.password());
	}

	@Test
	void keepsTheGeneratedAdminForTheNextStart() {
		Path file = this.state.resolve("admin-credentials");
		AdminCredentials first = AdminCredentials.resolve(Map.of(), file);
		AdminCredentials second = AdminCredentials.resolve(Map.of(), file);
		assertThat(second.email()).isEqualTo(first.email());
		assertThat(second.password()).isEqualTo(first.password());
		assertThat(second.generated()).isFalse();
	}

	@Test
	void prefersTheEnvironmentAndWritesNothing() {
		Path file = this.state.resolve("admin-credentials");
		AdminCredentials admin = AdminCredentials
			.resolve(Map.of("ONTASK_ADMIN_EMAIL", "me@example.org", "ONTASK_ADMIN_PASSWORD", "secret-secret"), file);
		assertThat(admin.email()).isEqualTo("me@example.org");
		assertThat(admin.password()).isEqualTo("secret-secret");
		assertThat(admin.file()).isNull();
		assertThat(file).doesNotExist();
	}

	@Test
	void generatesOnlyThePasswordWhenTheEnvironmentNamesTheEmail() throws Exception {
		Path file = this.state.resolve("admin-credentials");
		AdminCredentials admin = AdminCredentials.resolve(Map.of("ONTASK_ADMIN_EMAIL", "me@example.org"), file);
		assertThat(admin.email()).isEqualTo("me@example.org");
		assertThat(admin.generated()).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(AdminCredentials.resolve(Map.of(), file).email()).isEqualTo("me@example.org");
	}

	@Test
	void generatesDifferentPasswords() {
		SecureRandom random = new SecureRandom();
		assertThat(AdminCredentials.generatePassword(random)).isNotEqualTo(AdminCredentials.generatePassword(random));
	}

}
