package org.ontask.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.qpid.server.SystemLauncher;
import redis.embedded.RedisServer;

/**
 * Starts the Java-only servers used when no external infrastructure is configured: a real
 * PostgreSQL (zonky binaries), a real Redis (embedded-redis binary), an AMQP 0-9-1 broker
 * (Apache Qpid Broker-J, in memory) and an SMTP/IMAP server that keeps mail (GreenMail).
 * Every server listens on 127.0.0.1 only.
 */
public final class EmbeddedServers {

	private EmbeddedServers() {
	}

	/**
	 * Starts PostgreSQL.
	 * @param port the port to listen on, 0 for any free port
	 * @param dataDirectory where the cluster lives; kept between starts when not null, a
	 * fresh temporary cluster when null
	 * @return the running server; close it to stop it
	 */
	public static EmbeddedPostgres postgres(int port, Path dataDirectory) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPort((port != 0) ? port : FreePorts.find())
				.setServerConfig("max_connections", "300")
				.setServerConfig("listen_addresses", "127.0.0.1");
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
			}
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
		}
	}

	/**
	 * Starts Redis without persistence.
	 * @param port the port to listen on, 0 for any free port
	 * @return the running server
	 */
	public static RedisServer redis(int port) {
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port((port != 0) ? port : FreePorts.find())
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded Redis did not start", ex);
		}
	}

	/**
	 * Starts an in-memory AMQP 0-9-1 broker with the user guest/guest and the virtual
	 * host "/" (the default alias).
	 * @param port the port to listen on
	 * @param workDirectory a directory the broker may write to
	 * @return the running broker; call {@link SystemLauncher#shutdown()} to stop it
	 */
	public static SystemLauncher amqp(int port, Path workDirectory) {
		try {
			Files.createDirectories(workDirectory);
			Path config = workDirectory.resolve("qpid-config.json");
			Files.writeString(config,
					"""
							{"name":"ontask-broker","modelVersion":"8.0",
							 "authenticationproviders":[{"name":"plain","type":"Plain","secureOnlyMechanisms":[],
							   "users":[{"name":"guest","password":"guest","type":"managed"}]}],
							 "ports":[{"name":"AMQP","port":"%d","bindingAddress":"127.0.0.1","authenticationProvider":"plain",
							   "virtualhostaliases":[{"name":"nameAlias","type":"nameAlias"},{"name":"defaultAlias","type":"defaultAlias"}]}],
							 "virtualhostnodes":[{"name":"default","type":"Memory","defaultVirtualHostNode":"true",
							   "virtualHostInitialConfiguration":"{\\"type\\":\\"Memory\\"}"}]}
							"""
						.formatted(port));
			System.setProperty("qpid.work_dir", workDirectory.toString());
			System.setProperty("qpid.amqp_port", Integer.toString(port));
			SystemLauncher launcher = new SystemLauncher();
			Map<String, Object> attributes = new HashMap<>();
			attributes.put("type", "Memory");
			attributes.put("initialConfigurationLocation", config.toUri().toString());
			attributes.put("startupLoggedToSystemOut", false);
			launcher.startup(attributes);
			return launcher;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Embedded AMQP broker did not start on port " + port, ex);
		}
	}

	/**
	 * Starts an SMTP server and an IMAP server that keep every message they receive.
	 * @param smtpPort the SMTP port
	 * @param imapPort the IMAP port, or 0 for none
	 * @return the running server
	 */
	public static GreenMail smtp(int smtpPort, int imapPort) {
		ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		GreenMail mail = (imapPort != 0)
				? new GreenMail(
						new ServerSetup[] { smtp, new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) })
				: new GreenMail(smtp);
		mail.start();
		return mail;
	}

}
