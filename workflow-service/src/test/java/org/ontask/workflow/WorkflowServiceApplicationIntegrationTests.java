package org.ontask.workflow;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WorkflowServiceApplicationIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private RabbitAdmin rabbitAdmin;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MessagingNames names;

	private Queue created;

	@BeforeEach
	void listenToWorkflowCreated() {
		// a plain exclusive queue: the embedded broker does not take AnonymousQueue's
		// arguments
		this.created = new Queue(this.names.queue("test", "workflow.events", "created." + UUID.randomUUID()), false,
				true, true);
		this.rabbitAdmin.declareQueue(this.created);
		this.rabbitAdmin.declareBinding(BindingBuilder.bind(this.created)
			.to(this.names.eventsExchange("workflow.events"))
			.with("workflow.created"));
	}

	@AfterEach
	void stopListening() {
		this.rabbitAdmin.deleteQueue(this.created.getName());
	}

	private TestBrowser signedIn(String email, String name, String... roles) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, name, roles));
	}

	@Test
	void homeGreetsTheSignedInUserByName() {
		HttpResponse<String> home = signedIn("ada@example.org", "Ada Lovelace", "INSTRUCTOR").get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Welcome, <span>Ada Lovelace</span>").contains("You have no workflows yet");
	}

	@Test
	void withoutASessionTheBrowserIsSentToTheLoginPage() {
		HttpResponse<String> home = new TestBrowser("http://localhost:" + this.port).get("/workflows/1");
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location")).hasValue("/login?next=%2Fworkflows%2F1");
	}

	@Test
	void creatingAWorkflowOpensItAndPublishesWorkflowCreated() {
		TestBrowser browser = signedIn("grace@example.org", "Grace Hopper", "INSTRUCTOR");
		browser.get("/");
		HttpResponse<String> created = browser.submit("/workflows",
				Map.of("name", "BIOL1011 <2026>", "description", "Semester 1"));
		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/workflows/\\d+\\?created");
		HttpResponse<String> page = browser.get(location);
		assertThat(page.body()).contains("BIOL1011 &lt;2026&gt;").doesNotContain("BIOL1011 <2026>");
		// the navigation bar of the page that opened the workflow already links to its
		// parts
		assertThat(page.body()).contains("data-testid=\"open-workflow\"")
			.contains(location.replace("?created", "") + "/table");
		assertThat(browser.get("/").body()).contains("BIOL1011 &lt;2026&gt;");

		Message message = this.rabbit.receive(this.created.getName(), Duration.ofSeconds(30).toMillis());
		assertThat(message).isNotNull();
		String json = new String(message.getBody());
		assertThat(json).contains("\"workflowId\":" + location.replaceAll("\\D", ""))
			.contains("\"ownerEmail\":\"grace@example.org\"")
			.contains("\"name\":\"BIOL1011 <2026>\"");
	}

	@Test
	void aDuplicateOrEmptyNameIsRefusedWithAMessageAndCreatesNothing() {
		TestBrowser browser = signedIn("alan@example.org", "Alan Turing", "INSTRUCTOR");
		browser.get("/");
		browser.submit("/workflows", Map.of("name", "Cryptography", "description", ""));
		browser.get("/");
		HttpResponse<String> duplicate = browser.submit("/workflows",
				Map.of("name", "  Cryptography ", "description", ""));
		assertThat(duplicate.statusCode()).isEqualTo(400);
		String home = duplicate.body();
		assertThat(home).contains("You already have a workflow called &quot;Cryptography&quot;.");
		assertThat(home.split("data-testid=\"workflow\"", -1)).hasSize(2);

		HttpResponse<String> empty = browser.postJson("/api/workflows", "{\"name\":\"  \"}");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("A workflow needs a name.");
	}

	@Test
	void anotherUsersWorkflowIsNotFound() {
		TestBrowser owner = signedIn("owner@example.org", "Owner", "INSTRUCTOR");
		owner.get("/");
		String location = owner.submit("/workflows", Map.of("name", "Private", "description", ""))
			.headers()
			.firstValue("Location")
			.orElseThrow()
			.replace("?created", "");
		TestBrowser other = signedIn("other@example.org", "Other", "INSTRUCTOR");
		assertThat(other.get(location).statusCode()).isEqualTo(404);
		HttpResponse<String> api = other.getJson("/api" + location);
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
	}

	@Test
	void learnersDoNotManageWorkflows() {
		TestBrowser learner = signedIn("learner@example.org", "Lea", "LEARNER");
		assertThat(learner.get("/").body()).contains("Hello, <span>Lea</span>");
		learner.get("/");
		assertThat(learner.submit("/workflows", Map.of("name", "Mine")).statusCode()).isEqualTo(403);
		assertThat(learner.getJson("/api/workflows").statusCode()).isEqualTo(403);
	}

	@Test
	void apiCreatesAndListsWorkflows() {
		TestBrowser browser = signedIn("api@example.org", "Api User", "INSTRUCTOR");
		browser.get("/");
		HttpResponse<String> created = browser.postJson("/api/workflows",
				"{\"name\":\"From the API\",\"description\":\"d\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location").orElseThrow()).startsWith("/api/workflows/");
		assertThat(browser.getJson("/api/workflows").body()).contains("\"name\":\"From the API\"");
	}

	@Test
	void theApiIsDescribedWithOpenApiAndBrowsable() {
		TestBrowser browser = signedIn("docs@example.org", "Docs", "INSTRUCTOR");
		HttpResponse<String> description = browser.getJson("/api/docs/workflow-service");
		assertThat(description.statusCode()).isEqualTo(200);
		assertThat(description.body()).contains("OnTask workflows API")
			.contains("/api/workflows/{id}/attributes/{name}")
			.contains("/api/workflows/{id}/history");
		HttpResponse<String> page = browser.get("/workflows/api/index.html");
		assertThat(page.statusCode()).isIn(200, 302);
		String ui = page.statusCode() == 302 ? page.headers().firstValue("Location").orElseThrow()
				: "/workflows/api/index.html";
		assertThat(browser.get(ui).body()).contains("swagger");
		assertThat(new TestBrowser("http://localhost:" + this.port).getJson("/api/docs/workflow-service").statusCode())
			.isEqualTo(401);
	}

}
