package org.ontask.dataops.sqlsource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.ontask.dataops.store.DataRejectedException;

/**
 * Checks the JDBC URL of a connection: PostgreSQL only, and only URL parameters known to
 * be harmless. The PostgreSQL driver can instantiate classes and read files named in its
 * URL parameters (socket and SSL factories, callbacks, logger files, service files), so
 * everything not on the allow-list is refused rather than a known-bad list filtered out.
 */
final class SqlUrls {

	static final String PREFIX = "jdbc:postgresql://";

	private static final Set<String> ALLOWED = Set.of("sslmode", "ssl", "connectTimeout", "loginTimeout",
			"socketTimeout", "ApplicationName", "applicationName", "currentSchema", "targetServerType", "tcpKeepAlive",
			"gssEncMode");

	// named in the refusal so users see why these are never accepted
	private static final Set<String> DANGEROUS = Set.of("socketfactory", "socketfactoryarg", "sslfactory",
			"sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname",
			"loggerfile", "loggerlevel", "sslcert", "sslkey", "sslrootcert", "service", "jaaslogin",
			"jaasapplicationname", "options", "user", "password");

	private SqlUrls() {
	}

	/**
	 * Refuses a URL that is not a plain PostgreSQL URL with allowed parameters.
	 * @param url the URL as entered
	 * @return the URL, stripped
	 */
	static String check(String url) {
		String text = (url != null) ? url.strip() : "";
		if (text.isEmpty()) {
			throw new DataRejectedException("Enter the JDBC URL, for example jdbc:postgresql://host:5432/database.");
		}
		if (text.length() > 2000) {
			throw new DataRejectedException("The JDBC URL is longer than 2000 characters.");
		}
		if (!text.startsWith(PREFIX)) {
			throw new DataRejectedException(
					"Only PostgreSQL databases can be a SQL source: the URL must start with jdbc:postgresql:// "
							+ "(for example jdbc:postgresql://host:5432/database).");
		}
		int question = text.indexOf('?');
		String address = (question < 0) ? text.substring(PREFIX.length()) : text.substring(PREFIX.length(), question);
		if (address.isEmpty() || address.startsWith("/") || address.contains("@")) {
			throw new DataRejectedException("The JDBC URL must name a host and a database "
					+ "(jdbc:postgresql://host:5432/database); give the user and password in their own fields.");
		}
		if (question >= 0) {
			for (String pair : text.substring(question + 1).split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals),
						StandardCharsets.UTF_8);
				if (DANGEROUS.contains(name.toLowerCase(Locale.ROOT))) {
					throw new DataRejectedException("The JDBC URL parameter '" + name + "' is not allowed: it could "
							+ "make the server load classes or files, or carry credentials. Allowed parameters: "
							+ String.join(", ", ALLOWED.stream().sorted().toList()) + ".");
				}
				if (!ALLOWED.contains(name)) {
					throw new DataRejectedException("The JDBC URL parameter '" + name + "' is not allowed. "
							+ "Allowed parameters: " + String.join(", ", ALLOWED.stream().sorted().toList()) + ".");
				}
			}
		}
		return text;
	}

}
