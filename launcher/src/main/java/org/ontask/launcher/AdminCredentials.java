package org.ontask.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;

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

	static AdminCredentials resolve(Map<String, String> environment, Path file) {
		String email = nonBlank(environment.get(EMAIL_VARIABLE));
		String password = nonBlank(environment.get(PASSWORD_VARIABLE));
		if (email != null && password != null) {
			return new AdminCredentials(email, password, false, null);
		}
		Properties stored = OwnerOnlyFiles.read(file);
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

	private static void write(Path file, String email, String password) {
		OwnerOnlyFiles.write(file,
				"# The first admin login of ./ontask start; auth-service creates it if it does not exist.\n" + "email="
						+ email + "\npassword=" + password + "\n");
	}

	private static String nonBlank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
