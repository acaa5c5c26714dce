package org.ontask.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real servers one test JVM uses, resolved once and in this order for each of
 * PostgreSQL, Redis and AMQP: the {@code ONTASK_TEST_POSTGRES_URL},
 * {@code ONTASK_TEST_REDIS_URL} and {@code ONTASK_TEST_AMQP_URL} environment variables
 * (or system properties of the same name); Testcontainers when a Docker engine answers;
 * embedded servers otherwise. SMTP is always an embedded GreenMail, so tests can read the
 * mail that was sent.
 * <p>
 * Every run is isolated from any other run on the same servers: it gets a database of its
 * own (dropped when the JVM ends), a Redis key namespace of its own and AMQP exchange and
 * queue names with a prefix of its own.
 */
public final class TestInfrastructure {

	/** Pinned images for the Testcontainers path. */
	static final String POSTGRES_IMAGE = "postgres:17.6-alpine";

	static final String REDIS_IMAGE = "redis:7.4.5-alpine";

	static final String RABBITMQ_IMAGE = "rabbitmq:4.1.4-alpine";

	private static final Object LOCK = new Object();

	private static volatile TestInfrastructure instance;

	private final String runId = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private Postgres postgres;

	private Redis redis;

	private Amqp amqp;

	private GreenMail smtp;

	private Boolean dockerAvailable;

	private TestInfrastructure() {
	}

	/**
	 * The infrastructure of this JVM, started on first use.
	 * @return the shared instance
	 */
	public static TestInfrastructure get() {
		TestInfrastructure current = instance;
		if (current == null) {
			synchronized (LOCK) {
				current = instance;
				if (current == null) {
					current = new TestInfrastructure();
					instance = current;
					Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "test-infrastructure-stop"));
				}
			}
		}
		return current;
	}

	/**
	 * A short identifier unique to this run, used for database, key and queue names.
	 * @return the run id
	 */
	public String runId() {
		return this.runId;
	}

	/**
	 * PostgreSQL: a database created for this run.
	 * @return connection details
	 */
	public synchronized Postgres postgres() {
		if (this.postgres == null) {
			this.postgres = resolvePostgres();
		}
		return this.postgres;
	}

	/**
	 * Redis, with a key namespace for this run.
	 * @return connection details
	 */
	public synchronized Redis redis() {
		if (this.redis == null) {
			this.redis = resolveRedis();
		}
		return this.redis;
	}

	/**
	 * An AMQP 0-9-1 broker, with a name prefix for this run.
	 * @return connection details
	 */
	public synchronized Amqp amqp() {
		if (this.amqp == null) {
			this.amqp = resolveAmqp();
		}
		return this.amqp;
	}

	/**
	 * An SMTP server that keeps what it receives.
	 * @return the running GreenMail
	 */
	public synchronized GreenMail smtp() {
		if (this.smtp == null) {
			this.smtp = EmbeddedServers.smtp(FreePorts.find(), 0);
		}
		return this.smtp;
	}

	private Postgres resolvePostgres() {
		String url = setting("ONTASK_TEST_POSTGRES_URL");
		String serverUrl;
		String user;
		String password;
		Runnable stop = () -> {
		};
		if (url != null) {
			ConnectionUrl parsed = ConnectionUrl.parse(url, "postgres", "");
			serverUrl = parsed.jdbcUrl();
			user = parsed.user();
			password = parsed.password();
		}
		else if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
			container.start();
			serverUrl = container.getJdbcUrl();
			user = container.getUsername();
			password = container.getPassword();
			stop = container::stop;
		}
		else {
			var embedded = EmbeddedServers.postgres(0, null);
			serverUrl = embedded.getJdbcUrl("postgres", "postgres");
			user = "postgres";
			password = "";
			stop = () -> {
				try {
					embedded.close();
				}
				catch (Exception ex) {
					// the JVM is ending; a server that will not stop is the OS's to clean
					// up
				}
			};
		}
		String database = "ontask_" + this.runId;
		execute(serverUrl, user, password, "CREATE DATABASE " + database);
		String databaseUrl = withDatabase(serverUrl, database);
		return new Postgres(databaseUrl, user, password, serverUrl, database, stop);
	}

	private Redis resolveRedis() {
		String url = setting("ONTASK_TEST_REDIS_URL");
		if (url != null) {
			return new Redis(url, "ontask-" + this.runId, () -> {
			});
		}
		if (dockerAvailable()) {
			GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
				.withExposedPorts(6379);
			container.start();
			return new Redis("redis://" + container.getHost() + ":" + container.getMappedPort(6379),
					"ontask-" + this.runId, container::stop);
		}
		var server = EmbeddedServers.redis(0);
		int port = server.ports().get(0);
		return new Redis("redis://127.0.0.1:" + port, "ontask-" + this.runId, () -> {
			try {
				server.stop();
			}
			catch (Exception ex) {
				// the JVM is ending
			}
		});
	}

	private Amqp resolveAmqp() {
		String url = setting("ONTASK_TEST_AMQP_URL");
		String prefix = this.runId + ".";
		if (url != null) {
			URI uri = URI.create(url);
			String[] userInfo = (uri.getUserInfo() != null) ? uri.getUserInfo().split(":", 2)
					: new String[] { "guest", "guest" };
			String vhost = (uri.getPath() == null || uri.getPath().length() <= 1) ? "/" : uri.getPath().substring(1);
			return new Amqp(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5672, userInfo[0],
					(userInfo.length > 1) ? userInfo[1] : "", vhost, prefix, () -> {
					});
		}
		if (dockerAvailable()) {
			RabbitMQContainer container = new RabbitMQContainer(DockerImageName.parse(RABBITMQ_IMAGE));
			container.start();
			return new Amqp(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
					container.getAdminPassword(), "/", prefix, container::stop);
		}
		int port = FreePorts.find();
		try {
			Path work = Files.createTempDirectory("ontask-qpid-");
			var broker = EmbeddedServers.amqp(port, work);
			return new Amqp("127.0.0.1", port, "guest", "guest", "/", prefix, broker::shutdown);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("No temporary directory for the AMQP broker", ex);
		}
	}

	private boolean dockerAvailable() {
		if (this.dockerAvailable == null) {
			boolean available;
			try {
				available = DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				available = false;
			}
			this.dockerAvailable = available;
		}
		return this.dockerAvailable;
	}

	private void shutdown() {
		if (this.postgres != null) {
			try {
				execute(this.postgres.serverUrl(), this.postgres.user(), this.postgres.password(),
						"DROP DATABASE IF EXISTS " + this.postgres.database() + " WITH (FORCE)");
			}
			catch (RuntimeException ex) {
				// best effort: a leftover database has a unique name and harms no other
				// run
			}
			this.postgres.stop().run();
		}
		if (this.redis != null) {
			deleteKeys(this.redis);
			this.redis.stop().run();
		}
		if (this.amqp != null) {
			this.amqp.stop().run();
		}
		if (this.smtp != null) {
			this.smtp.stop();
		}
	}

	/**
	 * Removes this run's keys (sessions and caches) from a Redis that outlives the run.
	 */
	private static void deleteKeys(Redis redis) {
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> commands = connection.sync();
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = commands.scan(cursor,
						ScanArgs.Builder.matches(redis.namespace() + ":*").limit(500));
				if (!page.getKeys().isEmpty()) {
					commands.del(page.getKeys().toArray(String[]::new));
				}
				cursor = page;
			}
			while (!cursor.isFinished());
		}
		catch (RuntimeException ex) {
			// best effort: the keys expire with their sessions anyway
		}
		finally {
			client.shutdown();
		}
	}

	private static void execute(String url, String user, String password, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + url + " refused: " + ex.getMessage(), ex);
		}
	}

	static String withDatabase(String jdbcUrl, String database) {
		int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
		int query = jdbcUrl.indexOf('?');
		String base = (slash < 0) ? ((query < 0) ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, slash);
		String params = (query < 0) ? "" : jdbcUrl.substring(query);
		return base + "/" + database + params;
	}

	private static String setting(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			value = System.getenv(name);
		}
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * PostgreSQL connection details.
	 *
	 * @param jdbcUrl the URL of this run's database
	 * @param user the user
	 * @param password the password
	 * @param serverUrl the URL of the server's maintenance database
	 * @param database the name of this run's database
	 * @param stop what stops the server, if this run started it
	 */
	public record Postgres(String jdbcUrl, String user, String password, String serverUrl, String database,
			Runnable stop) {
	}

	/**
	 * Redis connection details.
	 *
	 * @param url a {@code redis://} URL
	 * @param namespace the key prefix of this run
	 * @param stop what stops the server, if this run started it
	 */
	public record Redis(String url, String namespace, Runnable stop) {
	}

	/**
	 * AMQP connection details.
	 *
	 * @param host the host
	 * @param port the port
	 * @param user the user
	 * @param password the password
	 * @param virtualHost the virtual host
	 * @param namePrefix the prefix of this run's exchanges and queues
	 * @param stop what stops the broker, if this run started it
	 */
	public record Amqp(String host, int port, String user, String password, String virtualHost, String namePrefix,
			Runnable stop) {

		/**
		 * The broker as an {@code amqp://} URL.
		 * @return the URL, credentials included
		 */
		public String url() {
			return "amqp://" + this.user + ":" + this.password + "@" + this.host + ":" + this.port
					+ ("/".equals(this.virtualHost) ? "" : "/" + this.virtualHost);
		}

	}

	/**
	 * A database URL in either the JDBC form or the
	 * {@code postgresql://user:pass@host/db} form, split into a JDBC URL and credentials.
	 */
	record ConnectionUrl(String jdbcUrl, String user, String password) {

		static ConnectionUrl parse(String url, String defaultUser, String defaultPassword) {
			String lower = url.toLowerCase(Locale.ROOT);
			if (lower.startsWith("jdbc:")) {
				return new ConnectionUrl(url, defaultUser, defaultPassword);
			}
			URI uri = URI.create(url);
			String user = defaultUser;
			String password = defaultPassword;
			if (uri.getUserInfo() != null) {
				String[] parts = uri.getUserInfo().split(":", 2);
				user = parts[0];
				password = (parts.length > 1) ? parts[1] : "";
			}
			String path = (uri.getPath() == null || uri.getPath().isEmpty()) ? "/postgres" : uri.getPath();
			return new ConnectionUrl(
					"jdbc:postgresql://" + uri.getHost() + ":" + ((uri.getPort() > 0) ? uri.getPort() : 5432) + path,
					user, password);
		}

	}

}
