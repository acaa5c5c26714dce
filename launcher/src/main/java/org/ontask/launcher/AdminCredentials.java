package org.ontask.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The first admin login, which auth-service creates if it does not exist yet: from
 * {@code ONTASK_ADMIN_EMAIL} and {@code ONTASK_ADMIN_PASSWORD}, else from the state
 * folder's {@code admin-credentials}, else generated and written there readable by the
 * user only.
 *
 * @param email the admin's email (the login)
 * @param password the admin's password
 * @param generated whether this start made up (part of) it and stored it
 * @param file where the credentials are kept, or null when both came from the environment
 */
record AdminCredentials(String email, String password, boolean generated, Path file) {

	static final String EMAIL_VARIABLE = "ONTASK_ADMIN_EMAIL";

	static final String PASSWORD_VARIABLE = "ONTASK_ADMIN_PASSWORD";

	static final String DEFAULT_EMAIL = "admin@ontask.local";

	static final int PASSWORD_LENGTH = 20;

	/**
	 * Letters and digits without look-alikes (0/O, 1/l/I), easy to copy from a terminal.
	 */
	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	static AdminCredentials resolve(Map<String, String> environment, Path file) {
		String email = nonBlank(environment.get(EMAIL_VARIABLE));
		String password = nonBlank(environment.get(PASSWORD_VARIABLE));
		if (email != null && password != null) {
			return new AdminCredentials(email, password, false, null);
		}
		Properties stored = read(file);
		if (email == null) {
			email = nonBlank(stored.getProperty("email"));
		}
		if (password == null) {
			password = nonBlank(stored.getProperty("password"));
		}
		boolean generated = false;
		if (email == null) {
			email = DEFAULT_EMAIL;
			generated = true;
		}
		if (password == null) {
			password = generatePassword(new SecureRandom());
			generated = true;
		}
		if (generated) {
			write(file, email, password);
		}
		return new AdminCredentials(email, password, generated, file);
	}

	static String generatePassword(SecureRandom random) {
		StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
		for (int i = 0; i < PASSWORD_LENGTH; i++) {
			password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
		}
		return password.toString();
	}

	private static Properties read(Path file) {
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

	private static void write(Path file, String email, String password) {
		String text = "# The first admin login of ./ontask start; auth-service creates it if it does not exist.\n"
				+ "email=" + email + "\npassword=" + password + "\n";
		try {
			Files.createDirectories(file.getParent());
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			// created with its final permissions, so the password is never readable by
			// others, not even for a moment
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

	private static String nonBlank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
