package org.ontask.launcher;

import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.icegreen.greenmail.util.GreenMail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.qpid.server.SystemLauncher;
import org.ontask.testsupport.EmbeddedServers;
import org.ontask.testsupport.FreePorts;
import redis.embedded.RedisServer;

/**
 * The {@code infra} subcommand: runs the embedded servers the apps need, in a background
 * process of its own, until it receives SIGTERM. It announces the servers' addresses by
 * writing {@code infra.properties} once every one of them is ready, in the form of the
 * environment variables the apps read.
 */
final class EmbeddedInfrastructure {

	static final String DATABASE = "ontask";

	private final StateDirectory state;

	private final Set<InfrastructureComponent> components;

	private final PrintStream out;

	/** How to stop what was started, the last started first. */
	private final Deque<NamedStop> stops = new ArrayDeque<>();

	EmbeddedInfrastructure(StateDirectory state, Set<InfrastructureComponent> components, PrintStream out) {
		this.state = state;
		this.components = components;
		this.out = out;
	}

	/**
	 * Starts the servers and waits for SIGTERM.
	 * @return the exit code when the servers could not start; never returns otherwise
	 */
	int run() throws InterruptedException {
		// the servers log through SLF4J; this sends it to the process's log file
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
		System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "ontask-infra-stop"));
		Map<String, String> environment = new LinkedHashMap<>();
		try {
			for (InfrastructureComponent component : this.components) {
				long started = System.nanoTime();
				environment.putAll(start(component));
				this.out.printf("%s ready after %d ms%n", component.argument(),
						Duration.ofNanos(System.nanoTime() - started).toMillis());
			}
		}
		catch (RuntimeException ex) {
			this.out.println("The embedded infrastructure did not start:");
			ex.printStackTrace(this.out);
			return LauncherException.FAILURE;
		}
		new AppProcesses(this.state, Map.of(), this.out).recordChildren();
		this.state.writeProperties(this.state.infraProperties(),
				"Embedded servers of ./ontask start (pid " + ProcessHandle.current().pid() + ")", environment);
		this.out.println("Embedded infrastructure ready: " + environment);
		new CountDownLatch(1).await();
		return 0;
	}

	private Map<String, String> start(InfrastructureComponent component) {
		return switch (component) {
			case POSTGRES -> startPostgres();
			case REDIS -> startRedis();
			case AMQP -> startAmqp();
			case SMTP -> startSmtp();
		};
	}

	private Map<String, String> startPostgres() {
		EmbeddedPostgres postgres = EmbeddedServers.postgres(FreePorts.find(), this.state.postgresData());
		this.stops.push(new NamedStop("postgres", postgres::close));
		createDatabaseIfMissing(postgres);
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("ONTASK_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE);
		environment.put("ONTASK_DB_USER", "postgres");
		// the embedded cluster trusts local connections
		environment.put("ONTASK_DB_PASSWORD", "");
		return environment;
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet existing = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
				if (existing.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE " + DATABASE);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the database " + DATABASE + ": " + ex.getMessage(), ex);
		}
	}

	private Map<String, String> startRedis() {
		RedisServer redis = EmbeddedServers.redis(0);
		this.stops.push(new NamedStop("redis", redis::stop));
		return Map.of("ONTASK_REDIS_URL", "redis://127.0.0.1:" + redis.ports().get(0));
	}

	private Map<String, String> startAmqp() {
		registerQpidUrlHandlers();
		int port = FreePorts.find();
		SystemLauncher broker = EmbeddedServers.amqp(port, this.state.amqpWork());
		this.stops.push(new NamedStop("amqp", broker::shutdown));
		return Map.of("ONTASK_AMQP_URL", "amqp://guest:guest@127.0.0.1:" + port);
	}

	/**
	 * Qpid reads its defaults from {@code classpath:} URLs, whose handler the JDK looks
	 * up through the system class loader; inside the launcher's fat jar only Spring
	 * Boot's class loader sees Qpid, so the handlers are registered here by instance.
	 */
	private static void registerQpidUrlHandlers() {
		try {
			URL.setURLStreamHandlerFactory((protocol) -> switch (protocol) {
				case "classpath" -> new org.apache.qpid.server.util.urlstreamhandler.classpath.Handler();
				case "data" -> new org.apache.qpid.server.util.urlstreamhandler.data.Handler();
				default -> null;
			});
		}
		catch (Error ex) {
			// a factory is already installed (a second broker in this JVM): it is ours
		}
	}

	private Map<String, String> startSmtp() {
		GreenMail mail = EmbeddedServers.smtp(FreePorts.find(), FreePorts.find());
		this.stops.push(new NamedStop("smtp", mail::stop));
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("ONTASK_SMTP_HOST", "127.0.0.1");
		environment.put("ONTASK_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
		// not read by the apps: printed by the launcher so mail can be read with a client
		environment.put("ONTASK_IMAP_PORT", Integer.toString(mail.getImap().getPort()));
		return environment;
	}

	private synchronized void stop() {
		try {
			// the addresses are about to be wrong; no launcher may read them any more
			Files.deleteIfExists(this.state.infraProperties());
		}
		catch (Exception ex) {
			this.out.println("Cannot delete " + this.state.infraProperties() + ": " + ex);
		}
		while (!this.stops.isEmpty()) {
			NamedStop stop = this.stops.pop();
			try {
				stop.action().run();
				this.out.println("Stopped " + stop.name());
			}
			catch (Exception ex) {
				this.out.println("Stopping " + stop.name() + " failed: " + ex);
			}
		}
		this.out.flush();
	}

	/** Something that stops a server, and the server's name for the log. */
	private record NamedStop(String name, Action action) {

	}

	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

}
