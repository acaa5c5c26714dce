package org.ontask.auth.admin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ontask.auth.user.Role;
import org.ontask.auth.user.UserAccount;
import org.ontask.auth.user.UserAccountService;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Account administration against real PostgreSQL, Redis and RabbitMQ: who may reach it,
 * editing, deactivation, deletion guarded by the workflows an account owns (fed through
 * RabbitMQ), groups, CSV import and the events on {@code auth.events}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class UserAdministrationIntegrationTests {

	private static final String ADMIN = "admin@example.org";

	private static final String ADMIN_PASSWORD = "correct horse battery staple";

	private static final String PASSWORD = "a long enough password";

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccountService accounts;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private AmqpAdmin amqp;

	@Autowired
	private MessagingNames names;

	@Autowired
	private JdbcTemplate jdbc;

	private Queue authEvents;

	@BeforeEach
	void listenToAuthEvents() {
		this.authEvents = new Queue(this.names.exchange("auth-it.") + java.util.UUID.randomUUID(), false, true, false);
		this.amqp.declareQueue(this.authEvents);
		TopicExchange exchange = this.names.eventsExchange("auth.events");
		this.amqp.declareExchange(exchange);
		this.amqp.declareBinding(BindingBuilder.bind(this.authEvents).to(exchange).with("user.*"));
	}

	private String url() {
		return "http://localhost:" + this.port;
	}

	private TestBrowser browser() {
		return new TestBrowser(url());
	}

	private TestBrowser signedIn(String email, String password) {
		TestBrowser browser = browser();
		assertThat(browser.signIn(email, password).headers().firstValue("Location")).as("sign-in of %s", email)
			.hasValue("/");
		return browser;
	}

	private Http api(TestBrowser browser) {
		String csrf = Http.csrfOf(browser.get("/account").body());
		return new Http(url(), browser.cookie("SESSION").orElseThrow(), csrf);
	}

	private UserAccount user(String email, Role... roles) {
		return this.accounts.create(email, "User " + email, PASSWORD, Set.of(roles));
	}

	/** The events on auth.events since the test began, as "key body" lines. */
	private List<String> authEventsReceived(String containing, int atLeast) {
		List<String> received = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message message;
			while ((message = this.rabbit.receive(this.authEvents.getName(), 200)) != null) {
				received.add(message.getMessageProperties().getReceivedRoutingKey() + " "
						+ new String(message.getBody(), StandardCharsets.UTF_8));
			}
			return received.stream().filter((line) -> line.contains(containing)).count() >= atLeast;
		});
		return received;
	}

	private void publishWorkflowEvent(String key, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("workflow.events"), key, message);
	}

	@Test
	void learnersInstructorsAndAnonymousUsersNeverReachAdministration() {
		UserAccount target = user("target.of.probes@example.org", Role.LEARNER);
		user("probing.learner@example.org", Role.LEARNER);
		user("probing.instructor@example.org", Role.INSTRUCTOR);
		List<String> pages = List.of("/admin/users", "/admin/users/" + target.getId(), "/admin/groups",
				"/admin/users/import");
		for (String email : List.of("probing.learner@example.org", "probing.instructor@example.org")) {
			TestBrowser browser = signedIn(email, PASSWORD);
			for (String page : pages) {
				HttpResponse<String> response = browser.get(page);
				assertThat(response.statusCode()).as("%s on %s", email, page).isEqualTo(403);
				assertThat(response.body()).doesNotContain("target.of.probes@example.org");
			}
			Http api = api(browser);
			assertThat(api.json("GET", "/api/users", null).statusCode()).isEqualTo(403);
			assertThat(api.json("GET", "/api/users/" + target.getId(), null).statusCode()).isEqualTo(403);
			assertThat(api.json("PATCH", "/api/users/" + target.getId(), "{\"name\":\"Hacked\"}").statusCode())
				.isEqualTo(403);
			assertThat(api.json("POST", "/api/users/" + target.getId() + "/deactivate", null).statusCode())
				.isEqualTo(403);
			assertThat(api.json("DELETE", "/api/users/" + target.getId(), null).statusCode()).isEqualTo(403);
			browser.get("/account");
			assertThat(browser.submit("/admin/users/" + target.getId() + "/delete", Map.of()).statusCode())
				.isEqualTo(403);
		}
		for (String page : pages) {
			HttpResponse<String> response = browser().get(page);
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");
		}
		Http anonymous = new Http(url(), null, null);
		HttpResponse<String> api = anonymous.json("DELETE", "/api/users/" + target.getId(), null);
		assertThat(api.statusCode()).isIn(401, 403);
		assertThat(anonymous.json("GET", "/api/users/" + target.getId(), null).statusCode()).isEqualTo(401);
		UserAccount unchanged = this.accounts.findById(target.getId()).orElseThrow();
		assertThat(unchanged.getDisplayName()).isEqualTo("User target.of.probes@example.org");
		assertThat(unchanged.isActive()).isTrue();
	}

	@Test
	void theAdminEditsAnAccountAndNamesWithHtmlAreEscaped() {
		UserAccount edited = user("edited@example.org", Role.LEARNER);
		TestBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
		admin.get("/admin/users/" + edited.getId());
		HttpResponse<String> saved = admin.submit("/admin/users/" + edited.getId(),
				Map.of("name", "Eve <script>alert(1)</script>", "roles", "INSTRUCTOR"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		String page = admin.get("/admin/users/" + edited.getId()).body();
		assertThat(page).contains("Eve &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
		assertThat(admin.get("/admin/users?q=edited").body()).contains("Eve &lt;script&gt;");
		assertThat(this.accounts.findById(edited.getId()).orElseThrow().getRoles()).containsExactly(Role.INSTRUCTOR);
		assertThat(authEventsReceived("edited@example.org", 1)).anyMatch((e) -> e.startsWith("user.updated ")
				&& e.contains("\"roles\":[\"INSTRUCTOR\"]") && e.contains("Eve <"));

		// without a CSRF token nothing changes
		HttpResponse<String> forged = browser().withCookie("SESSION", admin.cookie("SESSION").orElseThrow())
			.submit("/admin/users/" + edited.getId(), Map.of("name", "Forged", "roles", "ADMIN"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(new Http(url(), admin.cookie("SESSION").orElseThrow(), null)
			.json("PATCH", "/api/users/" + edited.getId(), "{\"name\":\"Forged\"}")
			.statusCode()).isEqualTo(403);
		assertThat(this.accounts.findById(edited.getId()).orElseThrow().getDisplayName()).startsWith("Eve");

		Http api = api(admin);
		HttpResponse<String> patched = api.json("PATCH", "/api/users/" + edited.getId(),
				"{\"name\":\"Eve Again\",\"roles\":[\"LEARNER\",\"INSTRUCTOR\"]}");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		assertThat(patched.body()).contains("\"name\":\"Eve Again\"")
			.contains("\"roles\":[\"INSTRUCTOR\",\"LEARNER\"]");
		assertThat(api.json("PUT", "/api/users/" + edited.getId(), "{\"roles\":[\"ROOT\"]}").statusCode())
			.isEqualTo(400);
		HttpResponse<String> empty = api.json("PUT", "/api/users/" + edited.getId(), "{\"name\":\"  \"}");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("A name of 1 to 255 characters is needed.");
		assertThat(api.json("GET", "/api/users/999999", null).statusCode()).isEqualTo(404);
	}

	@Test
	void aDeactivatedAccountIsSignedOutEverywhereAndCannotSignInUntilReactivated() {
		UserAccount leaving = user("leaving@example.org", Role.INSTRUCTOR);
		TestBrowser session = signedIn("leaving@example.org", PASSWORD);
		TestBrowser secondSession = signedIn("leaving@example.org", PASSWORD);
		TestBrowser bystander = signedIn(ADMIN, ADMIN_PASSWORD);
		assertThat(session.get("/account").statusCode()).isEqualTo(200);

		TestBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
		admin.get("/admin/users/" + leaving.getId());
		HttpResponse<String> deactivated = admin.submit("/admin/users/" + leaving.getId() + "/deactivate", Map.of());
		assertThat(deactivated.headers().firstValue("Location"))
			.hasValue("/admin/users/" + leaving.getId() + "?saved=deactivated");
		assertThat(admin.get("/admin/users/" + leaving.getId()).body()).contains("Deactivated");

		for (TestBrowser ended : List.of(session, secondSession)) {
			HttpResponse<String> afterwards = ended.get("/account");
			assertThat(afterwards.statusCode()).isEqualTo(302);
			assertThat(afterwards.headers().firstValue("Location").orElseThrow()).startsWith("/login");
			assertThat(ended.getJson("/api/auth/me").statusCode()).isEqualTo(401);
		}
		assertThat(bystander.get("/account").statusCode()).as("other users stay signed in").isEqualTo(200);
		assertThat(browser().signIn("leaving@example.org", PASSWORD).headers().firstValue("Location"))
			.hasValue("/login?error");
		assertThat(authEventsReceived("user.deactivated", 1)).anyMatch((e) -> e.startsWith("user.deactivated ")
				&& e.contains("\"email\":\"leaving@example.org\"") && e.contains("\"userId\":" + leaving.getId()));

		HttpResponse<String> reactivated = api(admin).json("POST", "/api/users/" + leaving.getId() + "/reactivate",
				null);
		assertThat(reactivated.statusCode()).isEqualTo(200);
		assertThat(reactivated.body()).contains("\"active\":true");
		signedIn("leaving@example.org", PASSWORD);
		HttpResponse<String> viaApi = api(admin).json("POST", "/api/users/" + leaving.getId() + "/deactivate", null);
		assertThat(viaApi.body()).contains("\"active\":false");
	}

	@Test
	void anAdministratorCannotDeactivateOrDeleteThemselvesNorRemoveTheLastAdministrator() {
		long adminId = this.accounts.findByEmail(ADMIN).orElseThrow().getId();
		// other test classes may have made administrators: only the bootstrap one stays
		this.jdbc.update("UPDATE user_account SET active = FALSE WHERE id <> ? AND id IN "
				+ "(SELECT user_id FROM user_role WHERE role = 'ADMIN')", adminId);
		TestBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
		Http api = api(admin);
		HttpResponse<String> deactivateSelf = api.json("POST", "/api/users/" + adminId + "/deactivate", null);
		assertThat(deactivateSelf.statusCode()).isEqualTo(409);
		assertThat(deactivateSelf.headers().firstValue("Content-Type").orElseThrow())
			.contains("application/problem+json");
		assertThat(deactivateSelf.body()).contains("You cannot deactivate your own account");
		HttpResponse<String> deleteSelf = api.json("DELETE", "/api/users/" + adminId, null);
		assertThat(deleteSelf.statusCode()).isEqualTo(409);
		assertThat(deleteSelf.body()).contains("You cannot delete your own account");
		HttpResponse<String> demoteSelf = api.json("PATCH", "/api/users/" + adminId, "{\"roles\":[\"INSTRUCTOR\"]}");
		assertThat(demoteSelf.statusCode()).isEqualTo(409);
		assertThat(demoteSelf.body()).contains("At least one active administrator must remain");
		assertThat(this.accounts.findById(adminId).orElseThrow().getRoles()).contains(Role.ADMIN);
		admin.get("/admin/users/" + adminId);
		HttpResponse<String> page = admin.submit("/admin/users/" + adminId + "/delete", Map.of());
		assertThat(page.statusCode()).isEqualTo(409);
		assertThat(page.body()).contains("You cannot delete your own account");
	}

	@Test
	void deletionIsRefusedWhileTheAccountOwnsWorkflowsAndAllowedOnceTheyAreTransferredOrDeleted() {
		UserAccount owner = user("owner.of.two@example.org", Role.INSTRUCTOR);
		publishWorkflowEvent("workflow.created", "{\"workflowId\":7101,\"name\":\"Old name\","
				+ "\"ownerEmail\":\"Owner.Of.Two@example.org\",\"createdAt\":\"2026-11-23T10:15:30Z\"}");
		publishWorkflowEvent("workflow.created", "{\"workflowId\":7102,\"name\":\"Chemistry <b>2</b>\","
				+ "\"ownerEmail\":\"owner.of.two@example.org\",\"createdAt\":\"2026-11-23T10:15:30Z\"}");
		publishWorkflowEvent("workflow.renamed", "{\"workflowId\":7101,\"name\":\"Physics 1\","
				+ "\"actorEmail\":\"owner.of.two@example.org\",\"at\":\"2026-11-23T10:16:30Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM owned_workflow WHERE owner_email = 'owner.of.two@example.org' AND name <> 'Old name'",
					Integer.class))
				.isEqualTo(2));
		// the same event again changes nothing
		publishWorkflowEvent("workflow.created", "{\"workflowId\":7101,\"name\":\"Old name\","
				+ "\"ownerEmail\":\"owner.of.two@example.org\",\"createdAt\":\"2026-11-23T10:15:30Z\"}");

		TestBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
		Http api = api(admin);
		HttpResponse<String> refused = api.json("DELETE", "/api/users/" + owner.getId(), null);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(refused.body()).contains("owner.of.two@example.org still owns 2 workflows")
			.contains("Physics 1")
			.contains("Chemistry <b>2</b>")
			.contains("\"sharing\":\"/workflows/7101#sharing\"");
		admin.get("/admin/users/" + owner.getId());
		HttpResponse<String> page = admin.submit("/admin/users/" + owner.getId() + "/delete", Map.of());
		assertThat(page.statusCode()).isEqualTo(409);
		assertThat(page.body()).contains("href=\"/workflows/7102#sharing\"")
			.contains("Chemistry &lt;b&gt;2&lt;/b&gt;")
			.doesNotContain("<b>2</b>");
		assertThat(this.accounts.findById(owner.getId())).isPresent();

		publishWorkflowEvent("workflow.transferred", "{\"workflowId\":7101,\"fromEmail\":\"owner.of.two@example.org\","
				+ "\"toEmail\":\"someone.else@example.org\",\"at\":\"2026-11-23T10:17:30Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(api.json("DELETE", "/api/users/" + owner.getId(), null).body())
				.contains("still owns the workflow \\\"Chemistry <b>2</b>\\\"")
				.doesNotContain("Physics 1"));
		publishWorkflowEvent("workflow.deleted",
				"{\"workflowId\":7102,\"actorEmail\":\"owner.of.two@example.org\",\"at\":\"2026-11-23T10:18:30Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.json("DELETE", "/api/users/" + owner.getId(), null).statusCode() == 204);
		assertThat(this.accounts.findById(owner.getId())).isEmpty();
		assertThat(authEventsReceived("user.deleted", 1)).anyMatch((e) -> e.startsWith("user.deleted ")
				&& e.contains("\"email\":\"owner.of.two@example.org\"") && e.contains("\"userId\":" + owner.getId()));
		// a late workflow.created does not bring a deleted workflow back
		publishWorkflowEvent("workflow.created", "{\"workflowId\":7102,\"name\":\"Chemistry <b>2</b>\","
				+ "\"ownerEmail\":\"owner.of.two@example.org\",\"createdAt\":\"2026-11-23T10:15:30Z\"}");
		UserAccount again = user("owner.of.two@example.org", Role.INSTRUCTOR);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.jdbc.queryForObject("SELECT deleted FROM owned_workflow WHERE workflow_id = 7102",
					Boolean.class));
		assertThat(api.json("DELETE", "/api/users/" + again.getId(), null).statusCode()).isEqualTo(204);
	}

	@Test
	void groupsGiveTheirRolesToTheirMembers() {
		UserAccount member = user("group.member@example.org", Role.LEARNER);
		TestBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
		admin.get("/admin/groups");
		HttpResponse<String> created = admin.submit("/admin/groups",
				Map.of("name", "Teaching <assistants>", "roles", "INSTRUCTOR"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String groupPath = created.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");
		assertThat(admin.get("/admin/groups").body()).contains("Teaching &lt;assistants&gt;");
		admin.get(groupPath);
		HttpResponse<String> duplicate = admin.submit("/admin/groups", Map.of("name", "teaching <ASSISTANTS>"));
		assertThat(duplicate.statusCode()).isEqualTo(409);
		admin.get(groupPath);
		HttpResponse<String> unknown = admin.submit(groupPath + "/members", Map.of("email", "nobody@example.org"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("There is no account for");
		assertThat(admin.submit(groupPath + "/members", Map.of("email", "Group.Member@example.org")).statusCode())
			.isEqualTo(302);
		assertThat(admin.get(groupPath).body()).contains("group.member@example.org");

		TestBrowser user = signedIn("group.member@example.org", PASSWORD);
		assertThat(user.getJson("/api/auth/me").body()).contains("\"roles\":[\"INSTRUCTOR\",\"LEARNER\"]");
		assertThat(user.get("/admin/users").statusCode()).isEqualTo(403);
		assertThat(authEventsReceived("group.member@example.org", 2)).anyMatch((e) -> e.startsWith("user.updated ")
				&& e.contains("group.member@example.org") && e.contains("\"roles\":[\"INSTRUCTOR\",\"LEARNER\"]"));

		admin.get(groupPath);
		assertThat(admin.submit(groupPath + "/roles", Map.of("roles", "ADMIN")).statusCode()).isEqualTo(302);
		// losing INSTRUCTOR ends the member's sessions, so the change applies at once
		assertThat(user.get("/account").statusCode()).isEqualTo(302);
		TestBrowser promoted = signedIn("group.member@example.org", PASSWORD);
		assertThat(promoted.get("/admin/users").statusCode()).isEqualTo(200);
		assertThat(promoted.getJson("/api/auth/me").body()).contains("\"roles\":[\"ADMIN\",\"LEARNER\"]");

		admin.get(groupPath);
		assertThat(admin.submit(groupPath + "/members/" + member.getId() + "/remove", Map.of()).statusCode())
			.isEqualTo(302);
		assertThat(promoted.get("/admin/users").statusCode()).isEqualTo(302);
		assertThat(signedIn("group.member@example.org", PASSWORD).get("/admin/users").statusCode()).isEqualTo(403);

		admin.get(groupPath);
		assertThat(admin.submit(groupPath + "/name", Map.of("name", "Renamed group")).statusCode()).isEqualTo(302);
		admin.get(groupPath);
		HttpResponse<String> deleted = admin.submit(groupPath + "/delete", Map.of());
		assertThat(deleted.headers().firstValue("Location").orElseThrow()).startsWith("/admin/groups?deleted=");
		assertThat(admin.get("/admin/groups").body()).doesNotContain("Renamed group</a>");
	}

	@Test
	void csvImportCreatesAccountsAllOrNothing() {
		TestBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
		String csrf = Http.csrfOf(admin.get("/admin/users/import").body());
		Http upload = new Http(url(), admin.cookie("SESSION").orElseThrow(), csrf);
		user("already.here@example.org", Role.LEARNER);
		long before = this.jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class);

		byte[] good = ("name,Email Address\n\"Doe, Jane\",Jane.Doe@Example.org\nJohn,john@example.org\n\n"
				+ "Again,jane.doe@example.org\nOld,already.here@example.org\n")
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> dryRun = upload.upload("/admin/users/import",
				Map.of("column", "email address", "dryRun", "true", "instructors", "true"), "class.csv", good);
		assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
		assertThat(dryRun.body()).contains("Dry run, nothing changed: 2 account(s) would be created as instructors")
			.contains("1 already existed")
			.contains("1 duplicate line(s)")
			.contains("line 5: jane.doe@example.org (also on line 2)");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class)).isEqualTo(before);

		List<Map.Entry<String, byte[]>> bad = List.of(
				Map.entry("is not UTF-8 text",
						"email\nj\u00e9r\u00f4me@example.org\n".getBytes(StandardCharsets.ISO_8859_1)),
				Map.entry("The file has no column \"email address\". Its columns are: \"name\", \"mail\".",
						"name,mail\nA,a.b@example.org\n".getBytes(StandardCharsets.UTF_8)),
				Map.entry("2 lines do not hold a valid email",
						"Email Address\nok@example.org\nnot-an-email\n\nbad@\n".getBytes(StandardCharsets.UTF_8)),
				Map.entry("The file is empty", new byte[] { ' ' }));
		for (Map.Entry<String, byte[]> file : bad) {
			HttpResponse<String> refused = upload.upload("/admin/users/import", Map.of("column", "email address"),
					"bad.csv", file.getValue());
			assertThat(refused.statusCode()).as(file.getKey()).isEqualTo(400);
			assertThat(refused.body()).contains(file.getKey().replace("\"", "&quot;"));
		}
		HttpResponse<String> invalid = upload.upload("/admin/users/import", Map.of("column", "email address"),
				"bad.csv", "Email Address\nok@example.org\nnot-an-email\n\nbad@\n".getBytes(StandardCharsets.UTF_8));
		assertThat(invalid.body()).contains("line 3: &quot;not-an-email&quot;").contains("line 5: &quot;bad@&quot;");
		assertThat(this.accounts.findByEmail("ok@example.org")).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class)).isEqualTo(before);

		HttpResponse<String> withoutCsrf = new Http(url(), admin.cookie("SESSION").orElseThrow(), null)
			.upload("/admin/users/import", Map.of("column", "email address"), "class.csv", good);
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class)).isEqualTo(before);

		HttpResponse<String> imported = upload.upload("/admin/users/import",
				Map.of("column", "Email Address", "instructors", "true"), "class.csv", good);
		assertThat(imported.statusCode()).isEqualTo(200);
		assertThat(imported.body()).contains("2 account(s) created as instructors");
		assertThat(this.accounts.findByEmail("jane.doe@example.org").orElseThrow().getRoles())
			.containsExactly(Role.INSTRUCTOR);
		assertThat(this.accounts.findByEmail("already.here@example.org").orElseThrow().getRoles())
			.containsExactly(Role.LEARNER);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class)).isEqualTo(before + 2);
		assertThat(authEventsReceived("user.created", 2))
			.anyMatch((e) -> e.startsWith("user.created ") && e.contains("john@example.org"));
		HttpResponse<String> again = upload.upload("/admin/users/import", Map.of("column", "Email Address"),
				"class.csv", good);
		assertThat(again.body()).contains("0 account(s) created").contains("3 already existed");
		// an imported account has no password until an administrator gives it one
		assertThat(browser().signIn("jane.doe@example.org", PASSWORD).headers().firstValue("Location"))
			.hasValue("/login?error");
		long jane = this.accounts.findByEmail("jane.doe@example.org").orElseThrow().getId();
		HttpResponse<String> tooShort = api(admin).json("PATCH", "/api/users/" + jane, "{\"password\":\"short\"}");
		assertThat(tooShort.statusCode()).isEqualTo(400);
		admin.get("/admin/users/" + jane);
		assertThat(admin.submit("/admin/users/" + jane + "/password", Map.of("password", PASSWORD))
			.headers()
			.firstValue("Location")).hasValue("/admin/users/" + jane + "?saved=password");
		signedIn("jane.doe@example.org", PASSWORD);
	}

	@Test
	void usersChangeTheirOwnName() {
		user("renamer@example.org", Role.LEARNER);
		TestBrowser browser = signedIn("renamer@example.org", PASSWORD);
		browser.get("/account");
		HttpResponse<String> renamed = browser.submit("/account/name", Map.of("name", "  Ren <i>Amer</i> "));
		assertThat(renamed.headers().firstValue("Location")).hasValue("/account?nameChanged");
		String page = browser.get("/account?nameChanged").body();
		assertThat(page).contains("Your name has been changed.")
			.contains("Ren &lt;i&gt;Amer&lt;/i&gt;")
			.doesNotContain("<i>Amer</i>");
		assertThat(browser.getJson("/api/auth/me").body()).contains("\"name\":\"Ren <i>Amer</i>\"");
		HttpResponse<String> blank = browser.submit("/account/name", Map.of("name", "   "));
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("A name of 1 to 255 characters is needed.");
		HttpResponse<String> forged = browser().withCookie("SESSION", browser.cookie("SESSION").orElseThrow())
			.submit("/account/name", Map.of("name", "Forged"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.accounts.findByEmail("renamer@example.org").orElseThrow().getDisplayName())
			.isEqualTo("Ren <i>Amer</i>");
		assertThat(authEventsReceived("renamer@example.org", 2))
			.anyMatch((e) -> e.startsWith("user.updated ") && e.contains("Ren <i>Amer</i>"));
	}

}
