package org.ontask.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * Properties files in the state folder that hold secrets (the admin login, the
 * installation's keys): readable and writable by the user only.
 */
final class OwnerOnlyFiles {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private OwnerOnlyFiles() {
	}

	static Properties read(Path file) {
		Properties properties = new Properties();
		if (Files.isRegularFile(file)) {
			try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new LauncherException("Cannot read " + file + ": " + ex.getMessage(), ex);
			}
		}
		return properties;
	}

	static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			// created with its final permissions, so a secret is never readable by
			// others,
			// not even for a moment
			createOwnerOnly(temporary);
			Files.writeString(temporary, text, StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static void createOwnerOnly(Path file) throws IOException {
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
			file.toFile().setReadable(false, false);
			file.toFile().setReadable(true, true);
			file.toFile().setWritable(false, false);
			file.toFile().setWritable(true, true);
		}
	}

}
