package org.ontask.workflow;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.env.Environment;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two or more instructors on one workflow, through real HTTP, PostgreSQL, Redis and
 * RabbitMQ: sharing (and who may do what), versioned edits, attributes, delete, flush,
 * clone (the participating services' answers simulated over RabbitMQ), history and
 * presence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WorkflowCollaborationIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

	/**
	 * dataops-service's internal API, over real HTTP: attribute names are checked there.
	 */
	private static final DataopsStub DATAOPS = new DataopsStub();

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	@DynamicPropertySource
	static void dataops(DynamicPropertyRegistry registry) {
		registry.add("ontask.services.dataops-service", DATAOPS::url);
	}

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private RabbitAdmin rabbitAdmin;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MessagingNames names;

	@Autowired
	private JdbcTemplate jdbc;

	private Queue published;

	@BeforeEach
	void listenToWorkflowEvents() {
		DATAOPS.secret = this.environment.getRequiredProperty("ontask.internal.secret");
		DATAOPS.down = false;
		// exclusive but not auto-delete: it must outlive the consumer of each receive
		this.published = new Queue(this.names.queue("test", "workflow.events", "all." + UUID.randomUUID()), false, true,
				false);
		this.rabbitAdmin.declareQueue(this.published);
		this.rabbitAdmin.declareBinding(
				BindingBuilder.bind(this.published).to(this.names.eventsExchange("workflow.events")).with("#"));
	}

	@AfterEach
	void stopListening() {
		this.rabbitAdmin.deleteQueue(this.published.getName());
	}

	// ---- helpers

	private String session(String email, String name) {
		return TestSessions.signIn(this.sessions, email, name, "INSTRUCTOR");
	}

	private TestBrowser browser(String session) {
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port).withCookie("SESSION", session);
		browser.get("/");
		return browser;
	}

	/** The home page, loaded once (its notices are shown once). */
	private String home(String session) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION", session).get("/").body();
	}

	private ApiClient api(String session) {
		return new ApiClient("http://localhost:" + this.port, session);
	}

	/** An account as auth-service announces it. */
	private void account(String email, String name) {
		publish("auth.events", "user.created", "{\"userId\":" + Math.abs(email.hashCode()) + ",\"email\":\"" + email
				+ "\",\"name\":\"" + name + "\",\"roles\":[\"INSTRUCTOR\"],\"createdAt\":\"2026-11-24T07:00:00Z\"}");
		await().atMost(WAIT)
			.until(() -> this.jdbc.queryForObject("select count(*) from known_user where email = ?", Integer.class,
					email) == 1);
	}

	private void publish(String exchange, String key, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange(exchange), key, message);
	}

	private long create(ApiClient client, String name) {
		HttpResponse<String> created = client.send("POST", "/api/workflows", "{\"name\":\"" + name + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return number(ID, created.body());
	}

	private static long number(Pattern pattern, String json) {
		Matcher matcher = pattern.matcher(json);
		assertThat(matcher.find()).as(json).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private long version(ApiClient client, long id) {
		return number(VERSION, client.get("/api/workflows/" + id).body());
	}

	/** Every workflow.events message received so far in this test, as "key json". */
	private final List<String> received = new ArrayList<>();

	/**
	 * The workflow.events messages published with a key, waiting until one contains a
	 * text.
	 */
	private List<String> awaitPublished(String key, String containing) {
		await().atMost(WAIT).until(() -> {
			Message message = this.rabbit.receive(this.published.getName(), 500);
			if (message != null) {
				this.received.add(message.getMessageProperties().getReceivedRoutingKey() + " "
						+ new String(message.getBody(), StandardCharsets.UTF_8));
			}
			return this.received.stream().anyMatch((m) -> m.startsWith(key + " ") && m.contains(containing));
		});
		return this.received.stream()
			.filter((m) -> m.startsWith(key + " "))
			.map((m) -> m.substring(key.length() + 1))
			.toList();
	}

	private int count(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Integer.class, args);
	}

	// ---- sharing

	@Test
	void sharingNeedsAnExistingAccountOnlyOnceAndNeverOneself() {
		String ownerSession = session("shirley@example.org", "Shirley");
		ApiClient owner = api(ownerSession);
		long id = create(owner, "Statistics 101");
		account("bob.share@example.org", "Bob");
		TestBrowser page = browser(ownerSession);
		page.get("/workflows/" + id);

		HttpResponse<String> unknown = page.submit("/workflows/" + id + "/shares",
				Map.of("email", "nobody@example.org"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("There is no account with the email nobody@example.org.");
		HttpResponse<String> self = owner.send("POST", "/api/workflows/" + id + "/shares",
				"{\"email\":\"Shirley@Example.org\"}");
		assertThat(self.statusCode()).isEqualTo(400);
		assertThat(self.body()).contains("no need to share it with yourself");
		HttpResponse<String> empty = owner.send("POST", "/api/workflows/" + id + "/shares", "{\"email\":\" \"}");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(count("select count(*) from workflow_share where workflow_id = ?", id)).isZero();

		HttpResponse<String> shared = page.submit("/workflows/" + id + "/shares",
				Map.of("email", "Bob.Share@example.org"));
		assertThat(shared.statusCode()).isEqualTo(302);
		awaitPublished("workflow.shared", "\"userEmail\":\"bob.share@example.org\"");
		HttpResponse<String> twice = owner.send("POST", "/api/workflows/" + id + "/shares",
				"{\"email\":\"bob.share@example.org\"}");
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("already shared with bob.share@example.org");
		assertThat(count("select count(*) from workflow_share where workflow_id = ?", id)).isOne();

		String bobSession = session("bob.share@example.org", "Bob");
		String home = browser(bobSession).get("/").body();
		assertThat(home).contains("Statistics 101").contains("shared by shirley@example.org");
		// a shared user is not offered what only the owner may do
		assertThat(home).contains("data-testid=\"edit\"").doesNotContain("data-testid=\"delete-link\"");
		assertThat(browser(ownerSession).get("/").body()).contains("data-testid=\"delete-link\"");
		assertThat(browser(bobSession).get("/workflows/" + id).statusCode()).isEqualTo(200);
		assertThat(api(bobSession).get("/api/workflows/" + id).statusCode()).isEqualTo(200);

		assertThat(owner.send("DELETE", "/api/workflows/" + id + "/shares/bob.share@example.org", null).statusCode())
			.isEqualTo(204);
		awaitPublished("workflow.unshared", "\"userEmail\":\"bob.share@example.org\"");
		assertThat(browser(bobSession).get("/workflows/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void onlyTheOwnerDeletesFlushesSharesOrTransfersAndStrangersLearnNothing() {
		String ownerSession = session("olga@example.org", "Olga");
		ApiClient owner = api(ownerSession);
		long id = create(owner, "Owned by Olga");
		account("sam.shared@example.org", "Sam");
		account("tom.third@example.org", "Tom");
		assertThat(owner.send("POST", "/api/workflows/" + id + "/shares", "{\"email\":\"sam.shared@example.org\"}")
			.statusCode()).isEqualTo(201);

		String samSession = session("sam.shared@example.org", "Sam");
		ApiClient sam = api(samSession);
		TestBrowser samPage = browser(samSession);
		String hub = samPage.get("/workflows/" + id).body();
		assertThat(hub).doesNotContain("data-testid=\"delete\"").doesNotContain("data-testid=\"flush\"");
		for (String action : List.of("delete", "flush")) {
			assertThat(samPage.submit("/workflows/" + id + "/" + action, Map.of()).statusCode()).as(action)
				.isEqualTo(403);
		}
		assertThat(
				samPage.submit("/workflows/" + id + "/shares", Map.of("email", "tom.third@example.org")).statusCode())
			.isEqualTo(403);
		assertThat(samPage.submit("/workflows/" + id + "/transfer", Map.of("email", "sam.shared@example.org"))
			.statusCode()).isEqualTo(403);
		HttpResponse<String> apiDelete = sam.send("DELETE", "/api/workflows/" + id, null);
		assertThat(apiDelete.statusCode()).isEqualTo(403);
		assertThat(apiDelete.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(apiDelete.body()).contains("Only the owner of this workflow can delete it.");
		assertThat(sam.send("POST", "/api/workflows/" + id + "/flush", null).statusCode()).isEqualTo(403);
		assertThat(sam.send("POST", "/api/workflows/" + id + "/shares", "{\"email\":\"tom.third@example.org\"}")
			.statusCode()).isEqualTo(403);
		assertThat(sam.send("DELETE", "/api/workflows/" + id + "/shares/sam.shared@example.org", null).statusCode())
			.isEqualTo(403);

		String tomSession = session("tom.third@example.org", "Tom");
		ApiClient tom = api(tomSession);
		TestBrowser tomPage = browser(tomSession);
		assertThat(tomPage.get("/workflows/" + id).statusCode()).isEqualTo(404);
		assertThat(tomPage.get("/workflows/" + id + "/history").statusCode()).isEqualTo(404);
		assertThat(tomPage.submit("/workflows/" + id + "/delete", Map.of()).statusCode()).isEqualTo(404);
		assertThat(tomPage.submit("/workflows/" + id + "/update", Map.of("name", "Mine", "version", "0")).statusCode())
			.isEqualTo(404);
		for (String path : List.of("", "/attributes", "/shares", "/history")) {
			HttpResponse<String> read = tom.get("/api/workflows/" + id + path);
			assertThat(read.statusCode()).as(path).isEqualTo(404);
			assertThat(read.body()).as(path).doesNotContain("Owned by Olga");
		}
		assertThat(tom.send("DELETE", "/api/workflows/" + id, null).statusCode()).isEqualTo(404);
		assertThat(tom.send("POST", "/api/workflows/" + id + "/presence", null).statusCode()).isIn(403, 404);
		assertThat(tom.get("/api/workflows").body()).doesNotContain("Owned by Olga");
		// the same answer as for an id that does not exist
		assertThat(tom.get("/api/workflows/987654321").body()).contains("There is no workflow 987654321");

		assertThat(count("select count(*) from workflow where id = ?", id)).isOne();
		assertThat(count("select count(*) from workflow_share where workflow_id = ?", id)).isOne();
	}

	@Test
	void aDeletedAccountLosesItsSharesEverywhere() {
		ApiClient owner = api(session("dora@example.org", "Dora"));
		long id = create(owner, "Shared then orphaned");
		account("gone@example.org", "Gone");
		owner.send("POST", "/api/workflows/" + id + "/shares", "{\"email\":\"gone@example.org\"}");
		publish("auth.events", "user.deleted",
				"{\"userId\":1,\"email\":\"gone@example.org\",\"deletedAt\":\"2026-11-24T09:00:00Z\"}");
		await().atMost(WAIT)
			.until(() -> count("select count(*) from workflow_share where user_email = 'gone@example.org'") == 0);
		awaitPublished("workflow.unshared", "\"userEmail\":\"gone@example.org\"");
		assertThat(count("select count(*) from known_user where email = 'gone@example.org'")).isZero();
		HttpResponse<String> again = owner.send("POST", "/api/workflows/" + id + "/shares",
				"{\"email\":\"gone@example.org\"}");
		assertThat(again.statusCode()).isEqualTo(400);

		account("paused@example.org", "Paused");
		publish("auth.events", "user.deactivated",
				"{\"userId\":2,\"email\":\"paused@example.org\",\"deactivatedAt\":\"2026-11-24T09:00:00Z\"}");
		await().atMost(WAIT)
			.until(() -> count(
					"select count(*) from known_user where email = 'paused@example.org' and not active") == 1);
		HttpResponse<String> inactive = owner.send("POST", "/api/workflows/" + id + "/shares",
				"{\"email\":\"paused@example.org\"}");
		assertThat(inactive.statusCode()).isEqualTo(400);
		assertThat(inactive.body()).contains("is deactivated");
	}

	// ---- versioned edits

	@Test
	void aStaleEditIsRefusedWithWhoChangedWhatAndWhen() {
		String ownerSession = session("vera@example.org", "Vera Owner");
		ApiClient owner = api(ownerSession);
		long id = create(owner, "Versioned");
		account("will@example.org", "Will Editor");
		owner.send("POST", "/api/workflows/" + id + "/shares", "{\"email\":\"will@example.org\"}");
		long read = version(owner, id);
		HttpResponse<String> got = owner.get("/api/workflows/" + id);
		assertThat(got.headers().firstValue("ETag")).hasValue("\"" + read + "\"");

		ApiClient will = api(session("will@example.org", "Will Editor"));
		HttpResponse<String> renamed = will.send("PUT", "/api/workflows/" + id, "{\"name\":\"Versioned twice\"}",
				"If-Match", "\"" + read + "\"");
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
		awaitPublished("workflow.renamed", "Versioned twice");

		HttpResponse<String> stale = owner.send("PUT", "/api/workflows/" + id,
				"{\"description\":\"mine\",\"version\":" + read + "}");
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(stale.body()).contains("Will Editor (will@example.org)")
			.contains("renamed it from \\\"Versioned\\\" to \\\"Versioned twice\\\"")
			.contains(" at 20");
		HttpResponse<String> unversioned = owner.send("PUT", "/api/workflows/" + id, "{\"description\":\"mine\"}");
		assertThat(unversioned.statusCode()).isEqualTo(428);

		// the page: the form carries the version it was rendered with
		TestBrowser page = browser(ownerSession);
		page.get("/workflows/" + id);
		HttpResponse<String> stalePage = page.submit("/workflows/" + id + "/update",
				Map.of("name", "Versioned", "description", "", "version", Long.toString(read)));
		assertThat(stalePage.statusCode()).isEqualTo(409);
		assertThat(stalePage.body()).contains("Not saved: Will Editor (will@example.org) renamed it from")
			.contains("value=\"Versioned twice\"");
		assertThat(owner.get("/api/workflows/" + id).body()).contains("\"name\":\"Versioned twice\"")
			.contains("\"description\":\"\"");

		long current = version(owner, id);
		HttpResponse<String> fresh = page.submit("/workflows/" + id + "/update",
				Map.of("name", "Versioned thrice", "description", "d", "version", Long.toString(current)));
		assertThat(fresh.statusCode()).isEqualTo(302);
		assertThat(version(owner, id)).isGreaterThan(current);
	}

	@Test
	void renamingToADuplicateOrEmptyNameChangesNothing() {
		ApiClient owner = api(session("nina@example.org", "Nina"));
		create(owner, "First");
		long id = create(owner, "Second");
		long v = version(owner, id);
		HttpResponse<String> duplicate = owner.send("PUT", "/api/workflows/" + id, "{\"name\":\" First \"}", "If-Match",
				"\"" + v + "\"");
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("already has a workflow called \\\"First\\\"");
		HttpResponse<String> empty = owner.send("PUT", "/api/workflows/" + id, "{\"name\":\"   \"}", "If-Match",
				"\"" + v + "\"");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("A workflow needs a name.");
		assertThat(owner.get("/api/workflows/" + id).body()).contains("\"name\":\"Second\"");
		assertThat(version(owner, id)).isEqualTo(v);
	}

	@Test
	void htmlInNamesDescriptionsAndAttributesIsShownAsText() {
		String session = session("hugo@example.org", "Hugo");
		ApiClient owner = api(session);
		long id = create(owner, "<img src=x onerror=alert(1)>");
		owner.send("PUT", "/api/workflows/" + id + "/attributes/course", "{\"value\":\"<b>bold</b>\"}", "If-Match",
				"\"" + version(owner, id) + "\"");
		String hub = browser(session).get("/workflows/" + id).body();
		assertThat(hub).contains("&lt;img src=x onerror=alert(1)&gt;")
			.doesNotContain("<img src=x")
			.contains("&lt;b&gt;bold&lt;/b&gt;")
			.doesNotContain("<b>bold</b>");
		assertThat(browser(session).get("/").body()).doesNotContain("<img src=x");
	}

	// ---- attributes

	@Test
	void attributesFollowTheColumnNameRules() {
		String session = session("ada.attr@example.org", "Ada");
		ApiClient owner = api(session);
		long id = create(owner, "With attributes");
		long v = version(owner, id);
		HttpResponse<String> set = owner.send("PUT", "/api/workflows/" + id + "/attributes/course%20code",
				"{\"value\":\"BIOL1011\"}", "If-Match", "\"" + v + "\"");
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		assertThat(owner.get("/api/workflows/" + id + "/attributes").body())
			.isEqualTo("{\"course code\":\"BIOL1011\"}");
		long after = version(owner, id);
		assertThat(after).isGreaterThan(v);

		Map<String, String> bad = Map.of("it's", "quotes", "__hidden", "two underscores", "x".repeat(64),
				"at most 63 characters");
		for (Map.Entry<String, String> name : bad.entrySet()) {
			HttpResponse<String> refused = owner.send("PUT", "/api/workflows/" + id + "/attributes/" + name.getKey(),
					"{\"value\":\"v\"}", "If-Match", "\"" + after + "\"");
			assertThat(refused.statusCode()).as(name.getKey()).isEqualTo(400);
			assertThat(refused.body()).as(name.getKey()).contains(name.getValue());
		}
		HttpResponse<String> stale = owner.send("PUT", "/api/workflows/" + id + "/attributes/term",
				"{\"value\":\"2026\"}", "If-Match", "\"" + v + "\"");
		assertThat(stale.statusCode()).isEqualTo(409);

		TestBrowser page = browser(session);
		page.get("/workflows/" + id);
		HttpResponse<String> duplicate = page.submit("/workflows/" + id + "/attributes",
				Map.of("name", "course code", "value", "other", "version", Long.toString(after)));
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("already has an attribute called &quot;course code&quot;");
		HttpResponse<String> empty = page.submit("/workflows/" + id + "/attributes",
				Map.of("name", " ", "value", "v", "version", Long.toString(after)));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("An attribute needs a name.");
		assertThat(owner.get("/api/workflows/" + id + "/attributes").body())
			.isEqualTo("{\"course code\":\"BIOL1011\"}");

		HttpResponse<String> renamed = page.submit("/workflows/" + id + "/attributes/edit", Map.of("oldName",
				"course code", "name", "course", "value", "BIOL1012", "version", Long.toString(after)));
		assertThat(renamed.statusCode()).isEqualTo(302);
		assertThat(owner.get("/api/workflows/" + id + "/attributes").body()).isEqualTo("{\"course\":\"BIOL1012\"}");
		HttpResponse<String> removed = owner.send("DELETE", "/api/workflows/" + id + "/attributes/course", null,
				"If-Match", "\"" + version(owner, id) + "\"");
		assertThat(removed.statusCode()).isEqualTo(200);
		assertThat(owner.get("/api/workflows/" + id + "/attributes").body()).isEqualTo("{}");
	}

	@Test
	void attributesCannotTakeAColumnsNameAndAreRefusedWhenColumnsCannotBeChecked() {
		String session = session("ada.columns@example.org", "Ada");
		ApiClient owner = api(session);
		long id = create(owner, "With a table");
		DATAOPS.columns(id, "Email", "Given Name", "Score");
		long v = version(owner, id);

		HttpResponse<String> clash = owner.send("PUT", "/api/workflows/" + id + "/attributes/given%20name",
				"{\"value\":\"x\"}", "If-Match", "\"" + v + "\"");
		assertThat(clash.statusCode()).as(clash.body()).isEqualTo(400);
		assertThat(clash.body()).contains("The table has a column called \\\"Given Name\\\"");
		assertThat(DATAOPS.lastActingUser).isEqualTo("ada.columns@example.org");
		assertThat(DATAOPS.refusedUnsigned).isZero();

		HttpResponse<String> set = owner.send("PUT", "/api/workflows/" + id + "/attributes/course",
				"{\"value\":\"BIOL1011\"}", "If-Match", "\"" + v + "\"");
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		long after = version(owner, id);
		TestBrowser page = browser(session);
		page.get("/workflows/" + id);
		HttpResponse<String> renamed = page.submit("/workflows/" + id + "/attributes/edit",
				Map.of("oldName", "course", "name", "SCORE", "value", "BIOL1011", "version", Long.toString(after)));
		assertThat(renamed.statusCode()).isEqualTo(400);
		assertThat(renamed.body()).contains("The table has a column called &quot;Score&quot;");

		DATAOPS.down = true;
		HttpResponse<String> unchecked = owner.send("PUT", "/api/workflows/" + id + "/attributes/term",
				"{\"value\":\"2026\"}", "If-Match", "\"" + after + "\"");
		assertThat(unchecked.statusCode()).as(unchecked.body()).isEqualTo(424);
		assertThat(unchecked.body()).contains("Can't check the table's column names right now");
		HttpResponse<String> uncheckedForm = page.submit("/workflows/" + id + "/attributes",
				Map.of("name", "term", "value", "2026", "version", Long.toString(after)));
		assertThat(uncheckedForm.body()).contains("Can&#39;t check the table&#39;s column names right now");
		// changing the value of an existing attribute needs no check
		HttpResponse<String> value = owner.send("PUT", "/api/workflows/" + id + "/attributes/course",
				"{\"value\":\"BIOL1012\"}", "If-Match", "\"" + after + "\"");
		assertThat(value.statusCode()).as(value.body()).isEqualTo(200);
		DATAOPS.down = false;
		assertThat(owner.get("/api/workflows/" + id + "/attributes").body()).isEqualTo("{\"course\":\"BIOL1012\"}");
	}

	// ---- counts

	@Test
	void rowsColumnsAndActionsAreKeptFromTheEventsOnceAndInOrder() {
		String session = session("ada.counts@example.org", "Ada");
		ApiClient owner = api(session);
		long id = create(owner, "Counted");
		String w = "{\"workflowId\":" + id + ",";
		publish("dataops.events", "table.replaced",
				w + "\"rows\":10,\"columns\":3,\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T08:00:00Z\"}");
		// the queues of different keys are not ordered between them
		await().atMost(WAIT)
			.until(() -> count("select count(*) from workflow_table_count where workflow_id = ?", id) == 1);
		String added = w + "\"columnId\":7,\"name\":\"x\",\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T08:01:00Z\"}";
		publish("dataops.events", "column.added", added);
		publish("dataops.events", "column.added", added);
		// older than the replacement, which already counts it
		publish("dataops.events", "column.added",
				w + "\"columnId\":5,\"name\":\"y\",\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T07:59:00Z\"}");
		String merged = w + "\"matched\":9,\"added\":5,\"dropped\":1,\"columnsAdded\":2,\"columnsUpdated\":1,"
				+ "\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T08:02:00Z\"}";
		publish("dataops.events", "table.merged", merged);
		publish("dataops.events", "table.merged", merged);
		publish("dataops.events", "column.deleted",
				w + "\"columnId\":7,\"name\":\"x\",\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T08:03:00Z\"}");
		publish("action.events", "action.created", w + "\"actionId\":1,\"name\":\"a\"}");
		publish("action.events", "action.created", w + "\"actionId\":2,\"name\":\"b\"}");
		publish("action.events", "action.created", w + "\"actionId\":2,\"name\":\"b\"}");
		// a deletion overtaking its creation
		publish("action.events", "action.deleted", w + "\"actionId\":3}");
		publish("action.events", "action.created", w + "\"actionId\":3,\"name\":\"c\"}");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(owner.get("/api/workflows/" + id).body())
				.contains("\"rows\":14,\"columns\":5,\"actions\":2"));
		assertThat(count("select count(*) from workflow_action where workflow_id = ?", id)).isEqualTo(3);
		assertThat(home(session)).contains("<span>14</span> rows");
		String hub = browser(session).get("/workflows/" + id).body();
		assertThat(hub).contains("<span>14</span> rows, <span>5</span> columns");
		assertThat(hub).containsPattern("data-testid=\"action-count\">2<");
		// a newer replacement wins over everything before it
		publish("dataops.events", "table.replaced",
				w + "\"rows\":3,\"columns\":2,\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T09:00:00Z\"}");
		publish("dataops.events", "table.replaced",
				w + "\"rows\":99,\"columns\":9,\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T08:30:00Z\"}");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count(
					"select count(*) from workflow_table_count where workflow_id = ? and row_count = 3 and column_count = 2",
					id))
				.isOne());
		assertThat(owner.get("/api/workflows/" + id).body()).contains("\"rows\":3,\"columns\":2,\"actions\":2");

		// the counts go with the workflow, and events arriving after it leave nothing;
		// each queue is consumed in order, so once the same kind of event about another
		// workflow is counted, the late ones have been handled
		long other = create(owner, "Counted too");
		String o = "{\"workflowId\":" + other + ",";
		assertThat(owner.send("DELETE", "/api/workflows/" + id, null).statusCode()).isEqualTo(204);
		for (String x : List.of(w, o)) {
			publish("dataops.events", "table.replaced",
					x + "\"rows\":5,\"columns\":5,\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T10:00:00Z\"}");
			publish("dataops.events", "column.added",
					x + "\"columnId\":8,\"name\":\"z\",\"actorEmail\":\"a@b.c\",\"at\":\"2026-11-24T10:01:00Z\"}");
			publish("action.events", "action.created", x + "\"actionId\":4,\"name\":\"d\"}");
		}
		await().atMost(WAIT)
			.until(() -> count(
					"select count(*) from workflow_table_count where workflow_id = ? and table_at is not null",
					other) == 1 && count("select count(*) from workflow_count_event where workflow_id = ?", other) == 1
					&& count("select count(*) from workflow_action where workflow_id = ?", other) == 1);
		assertThat(count("select count(*) from workflow_table_count where workflow_id = ?", id)
				+ count("select count(*) from workflow_count_event where workflow_id = ?", id)
				+ count("select count(*) from workflow_action where workflow_id = ?", id))
			.isZero();
	}

	// ---- delete, flush

	@Test
	void deleteAndFlushAreAnnouncedAndDeleteLeavesNothing() {
		String session = session("fred@example.org", "Fred");
		ApiClient owner = api(session);
		long id = create(owner, "To be removed");
		account("gina@example.org", "Gina");
		owner.send("POST", "/api/workflows/" + id + "/shares", "{\"email\":\"gina@example.org\"}");
		owner.send("PUT", "/api/workflows/" + id + "/star", "{\"starred\":true}");
		owner.send("PUT", "/api/workflows/" + id + "/attributes/a", "{\"value\":\"1\"}", "If-Match",
				"\"" + version(owner, id) + "\"");
		await().atMost(WAIT).until(() -> count("select count(*) from history_entry where workflow_id = ?", id) > 0);

		TestBrowser page = browser(session);
		page.get("/workflows/" + id);
		assertThat(page.submit("/workflows/" + id + "/flush", Map.of()).headers().firstValue("Location"))
			.hasValue("/workflows/" + id + "?done=flushed");
		awaitPublished("workflow.flushed", "\"workflowId\":" + id);
		assertThat(owner.get("/api/workflows/" + id).statusCode()).isEqualTo(200);

		HttpResponse<String> deleted = page.submit("/workflows/" + id + "/delete", Map.of());
		assertThat(deleted.headers().firstValue("Location")).hasValue("/?deleted");
		awaitPublished("workflow.deleted", "\"workflowId\":" + id);
		assertThat(owner.get("/api/workflows/" + id).statusCode()).isEqualTo(404);
		for (String table : List.of("workflow_share", "workflow_star", "workflow_attribute", "history_entry")) {
			assertThat(count("select count(*) from " + table + " where workflow_id = ?", id)).as(table).isZero();
		}
		assertThat(count("select count(*) from workflow where id = ?", id)).isZero();
	}

	// ---- clone

	private long requestClone(ApiClient client, long source) {
		HttpResponse<String> clone = client.send("POST", "/api/workflows/" + source + "/clone", null);
		assertThat(clone.statusCode()).as(clone.body()).isEqualTo(202);
		assertThat(clone.body()).contains("\"state\":\"CLONING\"");
		return number(ID, clone.body());
	}

	private void answer(String service, long clone, boolean succeeded, String message) {
		String exchange = service.replace("-service", "") + ".events";
		publish(exchange, "workflow.part-cloned",
				"{\"cloneWorkflowId\":" + clone + ",\"service\":\"" + service + "\",\"succeeded\":" + succeeded
						+ ",\"message\":" + ((message != null) ? "\"" + message + "\"" : "null") + "}");
	}

	@Test
	void aCloneAppearsOnlyWhenEveryPartIsCopied() {
		String ownerSession = session("carla@example.org", "Carla");
		ApiClient owner = api(ownerSession);
		long source = create(owner, "Original");
		owner.send("PUT", "/api/workflows/" + source + "/attributes/term", "{\"value\":\"2026\"}", "If-Match",
				"\"" + version(owner, source) + "\"");
		account("cloner@example.org", "Cloner");
		owner.send("POST", "/api/workflows/" + source + "/shares", "{\"email\":\"cloner@example.org\"}");

		String clonerSession = session("cloner@example.org", "Cloner");
		ApiClient cloner = api(clonerSession);
		long clone = requestClone(cloner, source);
		List<String> requested = awaitPublished("workflow.clone-requested", "\"cloneWorkflowId\":" + clone);
		assertThat(requested).anyMatch((json) -> json.contains("\"sourceWorkflowId\":" + source)
				&& json.contains("\"name\":\"Copy of Original\"")
				&& json.contains("\"ownerEmail\":\"cloner@example.org\""));
		assertThat(cloner.get("/api/workflows/" + clone).statusCode()).isEqualTo(404);
		assertThat(browser(clonerSession).get("/").body()).contains("Copying <span>Copy of Original</span>");

		answer("dataops-service", clone, true, null);
		answer("dataops-service", clone, true, null);
		// one of two parts: still hidden
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> cloner.get("/api/workflows/" + clone).statusCode() == 404);
		answer("action-service", clone, true, null);
		await().atMost(WAIT).until(() -> cloner.get("/api/workflows/" + clone).statusCode() == 200);
		String copy = cloner.get("/api/workflows/" + clone).body();
		assertThat(copy).contains("\"owner\":\"cloner@example.org\"")
			.contains("\"attributes\":{\"term\":\"2026\"}")
			.contains("\"sharedWith\":[]");
		awaitPublished("workflow.cloned", "\"cloneWorkflowId\":" + clone);
		assertThat(owner.get("/api/workflows/" + clone).statusCode()).isEqualTo(404);
	}

	@Test
	void aFailedPartRemovesTheCloneWithAMessage() {
		String session = session("fiona@example.org", "Fiona");
		ApiClient owner = api(session);
		long source = create(owner, "Fragile");
		long clone = requestClone(owner, source);
		answer("action-service", clone, true, null);
		answer("dataops-service", clone, false, "dataops-service could not copy its part: disk full");
		awaitPublished("workflow.deleted", "\"workflowId\":" + clone);
		assertThat(count("select count(*) from workflow where id = ?", clone)).isZero();
		String home = home(session);
		assertThat(home).contains("The copy &quot;Copy of Fragile&quot; could not be made and was removed: "
				+ "dataops-service could not copy its part: disk full");
		// shown once
		assertThat(home(session)).doesNotContain("could not be made");
		// a late answer for the removed clone changes nothing
		answer("action-service", clone, true, null);
		assertThat(owner.get("/api/workflows/" + source).statusCode()).isEqualTo(200);
	}

	@Test
	void aCloneWithoutEveryAnswerInTimeIsRemoved() {
		String session = session("tim@example.org", "Tim");
		ApiClient owner = api(session);
		long source = create(owner, "Slow");
		long clone = requestClone(owner, source);
		answer("dataops-service", clone, true, null);
		await().atMost(WAIT).until(() -> count("select count(*) from workflow where id = ?", clone) == 0);
		awaitPublished("workflow.deleted", "\"workflowId\":" + clone);
		assertThat(home(session)).contains("no answer in time from action-service.");
	}

	// ---- history, presence, list

	@Test
	void theHistoryShowsEveryServicesEventsFilteredAndAsSafeCsv() {
		String session = session("hanna@example.org", "Hanna");
		ApiClient owner = api(session);
		long id = create(owner, "Chronicle");
		owner.send("PUT", "/api/workflows/" + id, "{\"name\":\"=HYPERLINK(\\\"http://evil\\\")\"}", "If-Match",
				"\"" + version(owner, id) + "\"");
		publish("dataops.events", "table.uploaded", "{\"workflowId\":" + id
				+ ",\"rows\":12,\"actorEmail\":\"hanna@example.org\",\"at\":\"2026-11-20T10:00:00Z\"}");
		// a cell a spreadsheet would run
		publish("dataops.events", "column.added", "{\"workflowId\":" + id
				+ ",\"column\":\"x\",\"actorEmail\":\"=1+2@evil\",\"at\":\"2026-11-20T11:00:00Z\"}");
		publish("action.events", "action.created", "{\"workflowId\":" + id
				+ ",\"name\":\"Welcome\",\"actorEmail\":\"hanna@example.org\",\"at\":\"2026-11-21T10:00:00Z\"}");
		// not about a workflow, about another one, and not JSON: none is recorded here
		publish("action.events", "action.misc", "{\"something\":1}");
		publish("action.events", "action.created", "{\"workflowId\":999999,\"name\":\"Other\"}");
		publish("scheduler.events", "schedule.ran", "not json");
		await().atMost(WAIT).until(() -> count("select count(*) from history_entry where workflow_id = ?", id) >= 5);

		HttpResponse<String> all = owner.get("/api/workflows/" + id + "/history");
		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(all.body()).contains("\"kind\":\"workflow.created\"")
			.contains("\"kind\":\"workflow.renamed\"")
			.contains("\"kind\":\"table.uploaded\"")
			.contains("\"kind\":\"action.created\"")
			.contains("\"actor\":\"hanna@example.org\"")
			.doesNotContain("action.misc")
			.doesNotContain("Other");
		assertThat(owner.get("/api/workflows/" + id + "/history?kind=table").body()).contains("table.uploaded")
			.doesNotContain("workflow.renamed");
		assertThat(owner.get("/api/workflows/" + id + "/history?from=2026-11-21&to=2026-11-21").body())
			.contains("action.created")
			.doesNotContain("table.uploaded");

		TestBrowser page = browser(session);
		String timeline = page.get("/workflows/" + id + "/history").body();
		assertThat(timeline).contains("table.uploaded").contains("rows: 12");
		HttpResponse<String> csv = page.get("/workflows/" + id + "/history.csv");
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.body()).contains("\"'=1+2@evil\"").doesNotContain("\"=1+2@evil\"");
		assertThat(page.get("/workflows/" + id + "/history?from=not-a-date").statusCode()).isEqualTo(400);
	}

	@Test
	void theWorkflowPageKnowsWhoElseHasItOpen() {
		String ownerSession = session("petra@example.org", "Petra");
		ApiClient owner = api(ownerSession);
		long id = create(owner, "Busy");
		account("quinn@example.org", "Quinn");
		owner.send("POST", "/api/workflows/" + id + "/shares", "{\"email\":\"quinn@example.org\"}");
		String hub = browser(ownerSession).get("/workflows/" + id).body();
		assertThat(hub).contains("data-presence-url=\"/workflows/" + id + "/presence\"")
			.contains("src=\"/workflows/presence.js\"");
		assertThat(owner.send("POST", "/workflows/" + id + "/presence", null).body()).isEqualTo("[]");
		ApiClient quinn = api(session("quinn@example.org", "Quinn"));
		assertThat(quinn.send("POST", "/workflows/" + id + "/presence", null).body())
			.isEqualTo("[{\"email\":\"petra@example.org\",\"name\":\"Petra\"}]");
		assertThat(owner.send("POST", "/workflows/" + id + "/presence", null).body()).contains("Quinn");
		quinn.send("POST", "/workflows/" + id + "/presence/leave", null);
		assertThat(owner.send("POST", "/workflows/" + id + "/presence", null).body()).isEqualTo("[]");
		assertThat(browser(ownerSession).get("/workflows/presence.js").body()).contains("sendBeacon");
	}

	@Test
	void theListShowsStarredFirstSearchesAndShowsAdministratorsEverything() {
		String session = session("stella@example.org", "Stella");
		ApiClient owner = api(session);
		create(owner, "Alpha");
		long beta = create(owner, "Beta");
		TestBrowser page = browser(session);
		page.submit("/workflows/" + beta + "/star", Map.of("starred", "true"));
		String home = page.get("/").body();
		assertThat(home.indexOf("Beta")).isLessThan(home.indexOf("Alpha"));
		assertThat(home).contains("data-testid=\"starred\"");
		assertThat(page.get("/?q=alp").body()).contains("Alpha").doesNotContain(">Beta<");
		assertThat(owner.get("/api/workflows?q=bet").body()).contains("\"name\":\"Beta\"").doesNotContain("Alpha");

		ApiClient admin = new ApiClient("http://localhost:" + this.port,
				TestSessions.signIn(this.sessions, "root@example.org", "Root", "ADMIN"));
		assertThat(admin.get("/api/workflows").body()).contains("\"name\":\"Alpha\"").contains("\"name\":\"Beta\"");
		assertThat(admin.get("/api/workflows/" + beta).statusCode()).isEqualTo(200);
		// seeing is not owning
		assertThat(admin.send("DELETE", "/api/workflows/" + beta, null).statusCode()).isEqualTo(403);
	}

}
