import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dataops speed benchmark (issue 5, "Speed"): generates a mixed CSV of N rows x 20
 * columns, uploads it through the gateway ({@code PUT /api/workflows/{id}/table}), merges
 * an N-row update with 3 new columns ({@code POST .../table/merge}), then does the same
 * with psql: {@code \copy} into an equivalent table and one
 * {@code INSERT ... ON CONFLICT} merge. Prints wall times, rows per second, ratios and the
 * service's peak heap (sampled with {@code jstat -gc <pid> 250}).
 *
 * <p>
 * Run with {@code scripts/benchmark-dataops} (JDK only, no build needed); see
 * {@code --help}.
 */
public class DataopsBenchmark {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern PSQL_TIME = Pattern.compile("Time: ([0-9.]+) ms");

	private String base = env("ONTASK_URL", "http://localhost:8080");

	private String email = env("ONTASK_BENCH_EMAIL", "admin@ontask.local");

	private String password = env("ONTASK_BENCH_PASSWORD", "");

	private String session = env("ONTASK_BENCH_SESSION", "");

	private String token = env("ONTASK_BENCH_TOKEN", "");

	private String dbUrl = env("ONTASK_DB_URL", "jdbc:postgresql://127.0.0.1:5432/ontask").replaceFirst("^jdbc:", "");

	private String dbUser = env("ONTASK_DB_USER", "postgres");

	private int rows = 100_000;

	private long workflowId = -1;

	private long pid = -1;

	private Path pidFile = Path.of(".ontask/pids/dataops-service.pid");

	private Path work = Path.of(System.getProperty("java.io.tmpdir"), "ontask-benchmark");

	private String csrf;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	public static void main(String[] args) throws Exception {
		DataopsBenchmark bench = new DataopsBenchmark();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--rows" -> bench.rows = Integer.parseInt(args[++i]);
				case "--url" -> bench.base = args[++i];
				case "--email" -> bench.email = args[++i];
				case "--password" -> bench.password = args[++i];
				case "--session" -> bench.session = args[++i];
				case "--token" -> bench.token = args[++i];
				case "--workflow" -> bench.workflowId = Long.parseLong(args[++i]);
				case "--db-url" -> bench.dbUrl = args[++i].replaceFirst("^jdbc:", "");
				case "--db-user" -> bench.dbUser = args[++i];
				case "--pid" -> bench.pid = Long.parseLong(args[++i]);
				case "--pid-file" -> bench.pidFile = Path.of(args[++i]);
				case "--work-dir" -> bench.work = Path.of(args[++i]);
				default -> {
					System.out.println("""
							scripts/benchmark-dataops [--rows N] [--url http://localhost:8080] [--email E --password P
							  | --session SESSION_COOKIE | --token API_TOKEN] [--workflow ID] [--db-url postgresql://host:port/db]
							  [--db-user U] [--pid PID | --pid-file .ontask/pids/dataops-service.pid] [--work-dir DIR]
							Environment: ONTASK_URL, ONTASK_BENCH_EMAIL, ONTASK_BENCH_PASSWORD, ONTASK_BENCH_SESSION,
							  ONTASK_BENCH_TOKEN, ONTASK_DB_URL, ONTASK_DB_USER, PGPASSWORD (for psql).
							Without --workflow a workflow is created through POST /api/workflows.
							For --rows 1000000 start the services with ONTASK_UPLOAD_MAX_SIZE=1GB (the file is ~150 MB).""");
					return;
				}
			}
		}
		bench.run();
	}

	void run() throws Exception {
		Files.createDirectories(this.work);
		Path data = this.work.resolve("base-" + this.rows + ".csv");
		Path update = this.work.resolve("update-" + this.rows + ".csv");
		long started = System.nanoTime();
		generate(data, update);
		System.out.printf(Locale.ROOT, "generated %,d rows x 20 columns (%.1f MB) and an update of %,d rows x 6 columns (3 new) in %.1f s%n",
				this.rows, Files.size(data) / 1e6, this.rows, Files.size(update) / 1e6, seconds(started));
		signIn();
		if (this.workflowId < 0) {
			this.workflowId = createWorkflow();
		}
		waitUntilOpen();
		long servicePid = servicePid();
		HeapSampler heap = new HeapSampler(servicePid);
		heap.start();

		long t0 = System.nanoTime();
		HttpResponse<String> put = send(authorised("/api/workflows/" + this.workflowId + "/table?keys=id")
			.header("Content-Type", "text/csv")
			.PUT(HttpRequest.BodyPublishers.ofFile(data)));
		double upload = seconds(t0);
		check(put, "upload");
		long t1 = System.nanoTime();
		HttpResponse<String> merge = send(
				authorised("/api/workflows/" + this.workflowId + "/table/merge?how=outer&leftOn=id&rightOn=id")
					.header("Content-Type", "text/csv")
					.POST(HttpRequest.BodyPublishers.ofFile(update)));
		double merged = seconds(t1);
		check(merge, "merge");
		heap.stop();

		System.out.println("service answered: " + put.body() + " / " + merge.body());
		double copy = psqlCopy(data);
		double[] sql = psqlMerge(update);
		double statement = sql[0];
		double stagedStatement = sql[1];

		System.out.println();
		System.out.printf(Locale.ROOT, "%-52s %9s %14s%n", "", "seconds", "rows/s");
		line("upload through the gateway (PUT .../table)", upload);
		line("psql \\copy into an equivalent table", copy);
		line("merge through the gateway (POST .../table/merge)", merged);
		line("INSERT ... ON CONFLICT (the statement alone)", statement);
		line("\\copy of the update + INSERT ... ON CONFLICT", stagedStatement);
		System.out.println();
		System.out.printf(Locale.ROOT, "upload / \\copy                  = %.2f  (target <= 2)%n", upload / copy);
		System.out.printf(Locale.ROOT, "merge / INSERT ... ON CONFLICT  = %.2f  (target <= 3; %.2f against \\copy + statement)%n",
				merged / statement, merged / stagedStatement);
		if (heap.peakKb > 0) {
			System.out.printf(Locale.ROOT, "peak heap used by dataops-service (pid %d, %d samples): %.0f MB%s%n", servicePid,
					heap.samples, heap.peakKb / 1024.0, (heap.maxHeap != null) ? " of max " + heap.maxHeap : "");
		}
		else {
			System.out.println("peak heap: not measured (no --pid / pid file, or jstat could not read it)");
		}
	}

	private void line(String what, double seconds) {
		System.out.printf(Locale.ROOT, "%-52s %9.2f %,14.0f%n", what, seconds, this.rows / seconds);
	}

	// ------------------------------------------------------------------ data

	/** 20 columns: 2 keys, 5 integers, 5 doubles, 3 booleans, 2 datetimes, 3 texts; some cells empty. */
	private void generate(Path data, Path update) throws IOException {
		Random random = new Random(42);
		String[] programs = { "FASS", "FSCI", "FEIT", "FBUS", "FMED" };
		try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
			out.write("id,email,i1,i2,i3,i4,i5,d1,d2,d3,d4,d5,b1,b2,b3,t1,t2,s1,s2,s3\n");
			StringBuilder line = new StringBuilder(256);
			for (int r = 0; r < this.rows; r++) {
				line.setLength(0);
				line.append(100000 + r).append(",student").append(r).append("@example.org");
				for (int i = 0; i < 5; i++) {
					line.append(',');
					if (random.nextInt(50) != 0) {
						line.append(random.nextInt(1000));
					}
				}
				for (int i = 0; i < 5; i++) {
					line.append(',');
					if (random.nextInt(50) != 0) {
						line.append(Math.round(random.nextDouble() * 100000) / 100.0);
					}
				}
				for (int i = 0; i < 3; i++) {
					line.append(',').append(random.nextBoolean() ? "True" : "False");
				}
				for (int i = 0; i < 2; i++) {
					line.append(',')
						.append(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(30_000_000)).toString().replace('T', ' ').replace("Z", ""));
				}
				line.append(',').append(programs[random.nextInt(programs.length)]);
				line.append(",\"Name ").append(r).append(", with comma\"");
				line.append(",note ").append(random.nextInt(100)).append('\n');
				out.write(line.toString());
			}
		}
		// the update: every row matched, two columns updated, three new
		try (BufferedWriter out = Files.newBufferedWriter(update, StandardCharsets.UTF_8)) {
			out.write("id,i1,d1,n1,n2,n3\n");
			for (int r = 0; r < this.rows; r++) {
				out.write((100000 + r) + "," + ((r % 10 == 0) ? "" : Integer.toString(random.nextInt(1000))) + ","
						+ Math.round(random.nextDouble() * 1000) / 10.0 + "," + random.nextInt(100) + ","
						+ random.nextDouble() + ",grade " + (char) ('A' + random.nextInt(5)) + "\n");
			}
		}
	}

	// ------------------------------------------------------------------ service

	private void signIn() throws IOException, InterruptedException {
		if (!this.token.isEmpty() || !this.session.isEmpty()) {
			return;
		}
		if (this.password.isEmpty()) {
			throw new IllegalStateException("Give --password (or --session / --token) to sign in as " + this.email);
		}
		HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login")).GET());
		String loginSession = cookie(login, "SESSION");
		Matcher csrf = CSRF.matcher(login.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on " + this.base + "/login (status " + login.statusCode() + ")");
		}
		String form = "email=" + enc(this.email) + "&password=" + enc(this.password) + "&_csrf=" + enc(csrf.group(1));
		HttpRequest.Builder post = HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (loginSession != null) {
			post.header("Cookie", "SESSION=" + loginSession);
		}
		HttpResponse<String> done = send(post);
		String cookie = cookie(done, "SESSION");
		if (done.statusCode() / 100 != 3 || cookie == null) {
			throw new IllegalStateException("Sign-in failed: " + done.statusCode());
		}
		this.session = cookie;
	}

	private long createWorkflow() throws IOException, InterruptedException {
		HttpResponse<String> created = send(authorised("/api/workflows").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Benchmark " + Instant.now() + "\",\"description\":\"\"}")));
		check(created, "workflow creation");
		Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.body());
		if (!id.find()) {
			throw new IllegalStateException("No id in " + created.body());
		}
		return Long.parseLong(id.group(1));
	}

	/** dataops learns of a new workflow from an event; wait for it, and read a CSRF token. */
	private void waitUntilOpen() throws IOException, InterruptedException {
		for (int i = 0; i < 120; i++) {
			if (!this.token.isEmpty()) {
				// an API token opens only /api/**, and needs no CSRF token
				HttpResponse<String> columns = send(authorised("/api/workflows/" + this.workflowId + "/columns").GET());
				if (columns.statusCode() == 200) {
					return;
				}
				Thread.sleep(500);
				continue;
			}
			HttpResponse<String> page = send(authorised("/workflows/" + this.workflowId + "/upload").header("Accept", "text/html").GET());
			if (page.statusCode() == 200) {
				Matcher csrf = CSRF.matcher(page.body());
				this.csrf = csrf.find() ? csrf.group(1) : null;
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("dataops-service never opened workflow " + this.workflowId);
	}

	private HttpRequest.Builder authorised(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(30));
		if (!this.token.isEmpty()) {
			request.header("Authorization", "Bearer " + this.token);
		}
		else {
			request.header("Cookie", "SESSION=" + this.session);
			if (this.csrf != null) {
				request.header("X-CSRF-TOKEN", this.csrf);
			}
		}
		return request.header("Accept", "application/json");
	}

	private long servicePid() throws IOException {
		if (this.pid > 0) {
			return this.pid;
		}
		if (Files.isRegularFile(this.pidFile)) {
			return Long.parseLong(Files.readString(this.pidFile).strip());
		}
		return -1;
	}

	// ------------------------------------------------------------------ psql baseline

	private static final String TABLE = "(row_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, id bigint NOT NULL UNIQUE,"
			+ " email text, i1 bigint, i2 bigint, i3 bigint, i4 bigint, i5 bigint, d1 double precision, d2 double precision,"
			+ " d3 double precision, d4 double precision, d5 double precision, b1 boolean, b2 boolean, b3 boolean,"
			+ " t1 timestamptz, t2 timestamptz, s1 text, s2 text, s3 text)";

	private static final String COLUMNS = "(id,email,i1,i2,i3,i4,i5,d1,d2,d3,d4,d5,b1,b2,b3,t1,t2,s1,s2,s3)";

	private double psqlCopy(Path data) throws IOException, InterruptedException {
		psql("DROP SCHEMA IF EXISTS ontask_bench CASCADE; CREATE SCHEMA ontask_bench; CREATE TABLE ontask_bench.base " + TABLE + ";");
		long t0 = System.nanoTime();
		psql("\\copy ontask_bench.base " + COLUMNS + " FROM '" + data.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)");
		return seconds(t0);
	}

	/** @return the statement's own time and the time of \copy of the update plus the statement */
	private double[] psqlMerge(Path update) throws IOException, InterruptedException {
		String script = "\\timing on\n"
				+ "ALTER TABLE ontask_bench.base ADD COLUMN n1 bigint, ADD COLUMN n2 double precision, ADD COLUMN n3 text;\n"
				+ "CREATE TEMP TABLE stage (id bigint, i1 bigint, d1 double precision, n1 bigint, n2 double precision, n3 text);\n"
				+ "\\copy stage FROM '" + update.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)\n"
				+ "INSERT INTO ontask_bench.base AS t (id, i1, d1, n1, n2, n3) SELECT id, i1, d1, n1, n2, n3 FROM stage"
				+ " ON CONFLICT (id) DO UPDATE SET i1 = COALESCE(excluded.i1, t.i1), d1 = COALESCE(excluded.d1, t.d1),"
				+ " n1 = excluded.n1, n2 = excluded.n2, n3 = excluded.n3;\n";
		long t0 = System.nanoTime();
		String out = psql(script);
		double total = seconds(t0);
		Matcher times = PSQL_TIME.matcher(out);
		List<Double> all = new ArrayList<>();
		while (times.find()) {
			all.add(Double.parseDouble(times.group(1)) / 1000.0);
		}
		double statement = all.isEmpty() ? total : all.get(all.size() - 1);
		psql("DROP SCHEMA IF EXISTS ontask_bench CASCADE;");
		return new double[] { statement, total };
	}

	private String psql(String script) throws IOException, InterruptedException {
		Path file = Files.createTempFile(this.work, "bench", ".sql");
		Files.writeString(file, script);
		Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", this.dbUser, "-d",
				this.dbUrl.startsWith("postgresql://") ? this.dbUrl : "postgresql://" + this.dbUrl.replaceFirst("^postgresql:", ""),
				"-f", file.toString())
			.redirectErrorStream(true)
			.start();
		String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int code = psql.waitFor();
		Files.deleteIfExists(file);
		if (code != 0) {
			throw new IllegalStateException("psql failed: " + out);
		}
		return out;
	}

	// ------------------------------------------------------------------ helpers

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void check(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(what + " failed with " + response.statusCode() + ": " + response.body());
		}
	}

	private static String cookie(HttpResponse<String> response, String name) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			if (header.startsWith(name + "=")) {
				return header.substring(name.length() + 1, header.indexOf(';') > 0 ? header.indexOf(';') : header.length());
			}
		}
		return null;
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}


}
