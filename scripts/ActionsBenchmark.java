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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The action-service speed benchmark (issue 6, "Speed").
 * <ol>
 * <li>Through the gateway: a workflow with a table of N learners (default 10,000), a
 * personalised text with 3 conditions and 8 columns, a run with read tracking to the
 * system's SMTP server; the time from {@code POST .../runs} to {@code DONE}, messages per
 * second, and action-service's peak heap (jstat).</li>
 * <li>In the same run, a bare Jakarta Mail loop sending N pre-built messages of the same
 * size to the same SMTP server over one connection, as a run sends its messages. Prints
 * run time / bare loop (target &lt;= 2). {@code --per-connection-loop} also times a loop
 * that connects for every message (slow against GreenMail; for reference).</li>
 * <li>Preview latency: {@code GET .../preview?row=N} for random learners of a workflow of
 * 100,000 rows (target &lt; 200 ms).</li>
 * </ol>
 * {@code --bare-only} runs the bare loop alone, e.g. against a GreenMail started in this
 * JVM with {@code --start-greenmail}. Run with {@code scripts/benchmark-actions} (it puts
 * Jakarta Mail and GreenMail from ~/.m2 on the class path); see {@code --help}.
 */
public class ActionsBenchmark {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private String base = env("ONTASK_URL", "http://localhost:8080");

	private String email = env("ONTASK_BENCH_EMAIL", "admin@ontask.local");

	private String password = env("ONTASK_BENCH_PASSWORD", "");

	private String session = env("ONTASK_BENCH_SESSION", "");

	private String token = env("ONTASK_BENCH_TOKEN", "");

	private String smtpHost = env("ONTASK_SMTP_HOST", "127.0.0.1");

	private int smtpPort = Integer.parseInt(env("ONTASK_SMTP_PORT", "0"));

	private Path state = Path.of(env("ONTASK_STATE_DIR", ".ontask"));

	private int learners = 10_000;

	private int previewRows = 100_000;

	private int previewSamples = 30;

	private long pid = -1;

	/** Also time a bare loop that connects for every message (slow; for reference only). */
	private boolean perConnectionLoop;

	private boolean bareOnly;

	private boolean startGreenMail;

	private boolean skipPreview;

	private Path work = Path.of(System.getProperty("java.io.tmpdir"), "ontask-benchmark");

	private String csrf;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	public static void main(String[] args) throws Exception {
		ActionsBenchmark bench = new ActionsBenchmark();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--learners" -> bench.learners = Integer.parseInt(args[++i]);
				case "--preview-rows" -> bench.previewRows = Integer.parseInt(args[++i]);
				case "--preview-samples" -> bench.previewSamples = Integer.parseInt(args[++i]);
				case "--no-preview" -> bench.skipPreview = true;
				case "--url" -> bench.base = args[++i];
				case "--email" -> bench.email = args[++i];
				case "--password" -> bench.password = args[++i];
				case "--session" -> bench.session = args[++i];
				case "--token" -> bench.token = args[++i];
				case "--smtp-host" -> bench.smtpHost = args[++i];
				case "--smtp-port" -> bench.smtpPort = Integer.parseInt(args[++i]);
				case "--state-dir" -> bench.state = Path.of(args[++i]);
				case "--pid" -> bench.pid = Long.parseLong(args[++i]);
				case "--work-dir" -> bench.work = Path.of(args[++i]);
				case "--bare-only" -> bench.bareOnly = true;
				case "--per-connection-loop" -> bench.perConnectionLoop = true;
				case "--start-greenmail" -> bench.startGreenMail = true;
				default -> {
					System.out.println("""
							scripts/benchmark-actions [--learners 10000] [--preview-rows 100000] [--preview-samples 30] [--no-preview]
							  [--url http://localhost:8080] [--email E --password P | --session SESSION_COOKIE | --token API_TOKEN]
							  [--smtp-host H --smtp-port P] [--state-dir .ontask] [--pid ACTION_SERVICE_PID] [--work-dir DIR]
							  [--bare-only [--start-greenmail]]
							Environment: ONTASK_URL, ONTASK_BENCH_EMAIL, ONTASK_BENCH_PASSWORD, ONTASK_BENCH_SESSION,
							  ONTASK_BENCH_TOKEN, ONTASK_SMTP_HOST, ONTASK_SMTP_PORT, ONTASK_STATE_DIR.
							The SMTP server is the one action-service sends to: by default ONTASK_SMTP_PORT from
							<state-dir>/infra.properties, written by ./ontask start. action-service's pid for the peak heap
							comes from <state-dir>/pids/action-service.pid. Start the system with ONTASK_EMAILS_PER_SECOND
							unset (no rate limit) and read tracking available (./ontask start generates the keys).
							--bare-only runs only the bare Jakarta Mail loop; with --start-greenmail against a GreenMail
							started in this JVM.""");
					return;
				}
			}
		}
		bench.run();
	}

	void run() throws Exception {
		Object greenMail = null;
		if (this.startGreenMail) {
			greenMail = startGreenMail();
		}
		if (this.smtpPort == 0) {
			this.smtpPort = smtpPortOfRunningSystem();
		}
		try {
			if (this.bareOnly) {
				BareLoop bare = bareLoop(sampleMessage());
				System.out.println();
				bare.print(this.learners);
				return;
			}
			fullRun();
		}
		finally {
			if (greenMail != null) {
				greenMail.getClass().getMethod("stop").invoke(greenMail);
			}
		}
	}

	private void fullRun() throws Exception {
		Files.createDirectories(this.work);
		signIn();
		long workflow = workflowWithTable("Actions benchmark " + Instant.now(), this.learners);
		long action = createAction(workflow);
		String sample = preview(workflow, action, 1);
		System.out.printf(Locale.ROOT, "workflow %d: %,d learners; action %d (3 conditions, 8 columns); SMTP %s:%d%n",
				workflow, this.learners, action, this.smtpHost, this.smtpPort);

		long servicePid = servicePid();
		HeapSampler heap = new HeapSampler(servicePid);
		heap.start();
		long t0 = System.nanoTime();
		HttpResponse<String> started = send(authorised("/api/workflows/" + workflow + "/actions/" + action + "/runs")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"emailColumn\":\"email\",\"subject\":\"Benchmark {{ given }}\","
					+ "\"trackRead\":true}")));
		check(started, "starting the run");
		long run = id(started.body());
		String status;
		String last;
		do {
			Thread.sleep(250);
			HttpResponse<String> poll = send(authorised("/api/workflows/" + workflow + "/actions/" + action + "/runs/" + run).GET());
			check(poll, "reading the run");
			last = poll.body();
			status = field(last, "status");
		}
		while (status.equals("QUEUED") || status.equals("RUNNING"));
		double runSeconds = seconds(t0);
		heap.stop();
		long sent = Long.parseLong(field(last, "sent"));
		System.out.println("run " + run + ": " + last.replaceAll("\"failures\":\\[.*?\\],?", ""));
		if (!status.equals("DONE")) {
			throw new IllegalStateException("The run ended " + status + ": " + last);
		}

		BareLoop bare = bareLoop(sample);

		System.out.println();
		System.out.printf(Locale.ROOT, "%-60s %9s %12s%n", "", "seconds", "messages/s");
		System.out.printf(Locale.ROOT, "%-60s %9.2f %,12.0f%n", "run through action-service (POST .../runs to DONE, tracking on)",
				runSeconds, sent / runSeconds);
		bare.print(this.learners);
		// a run keeps one SMTP connection for its messages, as the bare loop it is measured against
		System.out.printf(Locale.ROOT, "run / bare loop (one connection)            = %.2f  (target <= 2)%n",
				runSeconds / bare.oneConnection);
		if (bare.perMessage > 0) {
			System.out.printf(Locale.ROOT, "run / bare loop (a connection per message) = %.2f%n", runSeconds / bare.perMessage);
		}
		if (heap.peakKb > 0) {
			System.out.printf(Locale.ROOT, "peak heap used by action-service (pid %d, %d samples): %.0f MB%s%n", servicePid,
					heap.samples, heap.peakKb / 1024.0, (heap.maxHeap != null) ? " of max " + heap.maxHeap : "");
		}
		else {
			System.out.println("peak heap: not measured (no --pid / pid file, or jstat could not read it)");
		}

		if (!this.skipPreview) {
			long big = (this.previewRows == this.learners) ? workflow
					: workflowWithTable("Preview benchmark " + Instant.now(), this.previewRows);
			long bigAction = (big == workflow) ? action : createAction(big);
			previewLatency(big, bigAction, this.previewRows);
		}
	}

	// ------------------------------------------------------------------ data and action

	private long workflowWithTable(String name, int rows) throws Exception {
		HttpResponse<String> created = send(authorised("/api/workflows").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"description\":\"\"}")));
		check(created, "workflow creation");
		long id = id(created.body());
		waitFor("/api/workflows/" + id + "/columns", "dataops-service");
		Path csv = this.work.resolve("learners-" + rows + ".csv");
		generate(csv, rows);
		long t0 = System.nanoTime();
		check(send(authorised("/api/workflows/" + id + "/table?keys=sid").header("Content-Type", "text/csv")
			.PUT(HttpRequest.BodyPublishers.ofFile(csv))), "upload");
		System.out.printf(Locale.ROOT, "workflow %d: uploaded %,d rows in %.1f s%n", id, rows, seconds(t0));
		waitFor("/api/workflows/" + id + "/actions", "action-service");
		if (this.token.isEmpty()) {
			HttpResponse<String> page = send(authorised("/workflows/" + id + "/actions").header("Accept", "text/html").GET());
			Matcher token = CSRF.matcher(page.body());
			this.csrf = token.find() ? token.group(1) : this.csrf;
		}
		return id;
	}

	/** 10 columns; the message uses 8 of them. */
	private static void generate(Path csv, int rows) throws IOException {
		Random random = new Random(6);
		String[] programs = { "FASS", "FSCI", "FEIT", "FBUS", "FMED" };
		String[] grades = { "HD", "D", "C", "P", "F" };
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("sid,email,given,family,score,days,program,grade,passed,note\n");
			for (int r = 0; r < rows; r++) {
				out.write((300000 + r) + ",learner" + r + "@bench.example.org,Given" + r + ",Family " + (r % 997) + ","
						+ Math.round(random.nextDouble() * 1000) / 10.0 + "," + random.nextInt(30) + ","
						+ programs[random.nextInt(programs.length)] + "," + grades[random.nextInt(grades.length)] + ","
						+ (random.nextBoolean() ? "True" : "False") + ",\"Note " + random.nextInt(1000)
						+ ", keep going\"\n");
			}
		}
	}

	private static String rule(String field, String type, String operator, String value) {
		return "{\"condition\":\"AND\",\"not\":false,\"valid\":true,\"rules\":[{\"id\":\"" + field + "\",\"field\":\"" + field
				+ "\",\"type\":\"" + type + "\",\"input\":\"text\",\"operator\":\"" + operator + "\",\"value\":\"" + value
				+ "\"}]}";
	}

	static final String TEXT = "<p>Dear {{ given }} {{ family }} ({{ sid }}),</p>"
			+ "{% if Low score %}<p>Your score of {{ score }} is below 50: let us meet this week.</p>"
			+ "{% else %}<p>Well done on your score of {{ score }}.</p>{% endif %}"
			+ "{% if Inactive %}<p>You were online only {{ days }} days this term; the weekly quizzes help.</p>{% endif %}"
			+ "{% if FASS %}<p>FASS students: the {{ program }} writing centre is open on Fridays.</p>"
			+ "{% else %}<p>Your programme: {{ program }}.</p>{% endif %}"
			+ "<p>Your grade so far is {{ grade }}. {{ note }}</p><p>Regards,<br>The teaching team</p>";

	private long createAction(long workflow) throws Exception {
		String body = "{\"name\":\"Benchmark feedback\",\"type\":\"personalized_text\",\"subject\":\"Benchmark {{ given }}\","
				+ "\"text\":" + json(TEXT) + ",\"conditions\":[" + "{\"name\":\"Low score\",\"formula\":"
				+ rule("score", "double", "less", "50") + "},{\"name\":\"Inactive\",\"formula\":"
				+ rule("days", "integer", "less", "5") + "},{\"name\":\"FASS\",\"formula\":"
				+ rule("program", "string", "equal", "FASS") + "}]}";
		HttpResponse<String> created = send(authorised("/api/workflows/" + workflow + "/actions")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		check(created, "action creation");
		return id(created.body());
	}

	private String preview(long workflow, long action, int row) throws Exception {
		HttpResponse<String> preview = send(
				authorised("/api/workflows/" + workflow + "/actions/" + action + "/preview?row=" + row).GET());
		check(preview, "preview");
		return preview.body();
	}

	private void previewLatency(long workflow, long action, int rows) throws Exception {
		Random random = new Random(7);
		for (int i = 0; i < 5; i++) {
			preview(workflow, action, 1 + random.nextInt(rows));
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < this.previewSamples; i++) {
			int row = 1 + random.nextInt(rows);
			long t0 = System.nanoTime();
			preview(workflow, action, row);
			millis.add((System.nanoTime() - t0) / 1e6);
		}
		Collections.sort(millis);
		System.out.printf(Locale.ROOT,
				"preview of random learners of %,d rows through the gateway (%d samples): median %.0f ms, p95 %.0f ms, "
						+ "max %.0f ms  (target < 200 ms)%n",
				rows, millis.size(), millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
				millis.get(millis.size() - 1));
	}

	// ------------------------------------------------------------------ bare Jakarta Mail loop

	/** The message of learner 1 (from a preview, or made up): the body every bare message gets. */
	private String sampleMessage() {
		return "{\"text\":" + json(TEXT.replaceAll("\\{[{%][^}]*[}%]\\}", "value")) + "}";
	}

	final class BareLoop {

		double build;

		double perMessage;

		double oneConnection;

		void print(int count) {
			if (this.perMessage > 0) {
				System.out.printf(Locale.ROOT, "%-60s %9.2f %,12.0f%n", "bare Jakarta Mail loop, a connection per message",
						this.perMessage, count / this.perMessage);
			}
			System.out.printf(Locale.ROOT, "%-60s %9.2f %,12.0f%n", "bare Jakarta Mail loop, one connection", this.oneConnection,
					count / this.oneConnection);
			System.out.printf(Locale.ROOT, "(building the %,d messages beforehand: %.2f s, not counted)%n", count, this.build);
		}

	}

	private BareLoop bareLoop(String previewJson) throws Exception {
		String html = unjson(field(previewJson, "text"));
		Properties properties = new Properties();
		properties.put("mail.smtp.host", this.smtpHost);
		properties.put("mail.smtp.port", Integer.toString(this.smtpPort));
		// no look-up of this machine's name for EHLO and Message-IDs
		properties.put("mail.smtp.localhost", "localhost");
		properties.put("mail.host", "localhost");
		Session mail = Session.getInstance(properties);
		BareLoop result = new BareLoop();
		long t0 = System.nanoTime();
		List<MimeMessage> messages = new ArrayList<>(this.learners);
		for (int r = 0; r < this.learners; r++) {
			MimeMessage message = new MimeMessage(mail);
			message.setFrom(new InternetAddress("teacher@bench.example.org"));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress("bare" + r + "@bench.example.org"));
			message.setSubject("Bare " + r, "UTF-8");
			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart text = new MimeBodyPart();
			text.setText(html.replaceAll("<[^>]*>", " "), "UTF-8");
			MimeBodyPart htmlPart = new MimeBodyPart();
			htmlPart.setContent(html + "<img src=\"http://localhost:8080/trck?v=AQAAAAAAAAABAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAA\" "
					+ "width=\"1\" height=\"1\" alt=\"\">", "text/html; charset=UTF-8");
			alternative.addBodyPart(text);
			alternative.addBodyPart(htmlPart);
			message.setContent(alternative);
			message.saveChanges();
			messages.add(message);
		}
		result.build = seconds(t0);
		if (this.perConnectionLoop) {
			long t1 = System.nanoTime();
			for (MimeMessage message : messages) {
				Transport transport = mail.getTransport("smtp");
				transport.connect();
				try {
					transport.sendMessage(message, message.getAllRecipients());
				}
				finally {
					transport.close();
				}
			}
			result.perMessage = seconds(t1);
		}
		long t2 = System.nanoTime();
		Transport transport = mail.getTransport("smtp");
		transport.connect();
		try {
			for (MimeMessage message : messages) {
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
		finally {
			transport.close();
		}
		result.oneConnection = seconds(t2);
		return result;
	}

	/** A GreenMail SMTP server in this JVM (reflection: only --start-greenmail needs the jar). */
	private Object startGreenMail() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Class<?> setupClass = Class.forName("com.icegreen.greenmail.util.ServerSetup");
		Object setup = setupClass.getConstructor(int.class, String.class, String.class)
			.newInstance(port, "127.0.0.1", "smtp");
		Class<?> greenMailClass = Class.forName("com.icegreen.greenmail.util.GreenMail");
		Object greenMail = greenMailClass.getConstructor(setupClass).newInstance(setup);
		greenMailClass.getMethod("start").invoke(greenMail);
		this.smtpHost = "127.0.0.1";
		this.smtpPort = port;
		System.out.println("GreenMail started in this JVM on 127.0.0.1:" + port);
		return greenMail;
	}

	private int smtpPortOfRunningSystem() throws IOException {
		Path infra = this.state.resolve("infra.properties");
		if (Files.isRegularFile(infra)) {
			Properties properties = new Properties();
			try (var in = Files.newInputStream(infra)) {
				properties.load(in);
			}
			String port = properties.getProperty("ONTASK_SMTP_PORT");
			if (port != null) {
				return Integer.parseInt(port.strip());
			}
		}
		throw new IllegalStateException("No SMTP port: give --smtp-port (the port action-service sends to), or run from "
				+ "the folder of ./ontask start (" + infra + ")");
	}

	// ------------------------------------------------------------------ service

	private void signIn() throws IOException, InterruptedException {
		if (!this.token.isEmpty() || !this.session.isEmpty()) {
			return;
		}
		if (this.password.isEmpty()) {
			throw new IllegalStateException("Give --token (or --password / --session) to work as " + this.email);
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
		HttpResponse<String> home = send(authorised("/workflows").header("Accept", "text/html").GET());
		Matcher token = CSRF.matcher(home.body());
		this.csrf = token.find() ? token.group(1) : null;
	}

	/** Services learn of a new workflow from events; wait until one answers for it. */
	private void waitFor(String path, String service) throws IOException, InterruptedException {
		for (int i = 0; i < 240; i++) {
			if (send(authorised(path).GET()).statusCode() == 200) {
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(service + " never answered " + path);
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
		Path file = this.state.resolve("pids/action-service.pid");
		return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
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

	private static long id(String json) {
		Matcher id = ID.matcher(json);
		if (!id.find()) {
			throw new IllegalStateException("No id in " + json);
		}
		return Long.parseLong(id.group(1));
	}

	/** A top-level string or number field of a small JSON answer (no JSON library: JDK only). */
	static String field(String json, String name) {
		Matcher string = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
		if (string.find()) {
			return string.group(1);
		}
		Matcher number = Pattern.compile("\"" + name + "\"\\s*:\\s*([-0-9.]+)").matcher(json);
		if (number.find()) {
			return number.group(1);
		}
		throw new IllegalStateException("No " + name + " in " + json);
	}

	static String json(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	static String unjson(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(++i);
				switch (next) {
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case 'u' -> {
						out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
						i += 4;
					}
					default -> out.append(next);
				}
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
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
