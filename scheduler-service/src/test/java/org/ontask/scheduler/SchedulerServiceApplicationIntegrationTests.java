package org.ontask.scheduler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestSessions;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.SessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class SchedulerServiceApplicationIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MessagingNames names;

	/** Publishes exactly what workflow-service publishes. */
	private void publishWorkflowCreated(String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("workflow.events"), "workflow.created", message);
	}

	private TestBrowser signedIn(String email) {
		return new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
				TestSessions.signIn(this.sessions, email, email, "INSTRUCTOR"));
	}

	@Test
	void aCreatedWorkflowsTableIsOpenToItsOwnerOnly() {
		publishWorkflowCreated("{\"workflowId\":4301,\"name\":\"Physics <1>\",\"ownerEmail\":\"marie@example.org\","
				+ "\"createdAt\":\"2026-11-23T10:15:30Z\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(signedIn("marie@example.org").get("/workflows/4301/schedules").statusCode())
				.isEqualTo(200));
		String page = signedIn("marie@example.org").get("/workflows/4301/schedules").body();
		assertThat(page).contains("Physics &lt;1&gt;").contains("Nothing is scheduled.");
		assertThat(signedIn("pierre@example.org").get("/workflows/4301/schedules").statusCode()).isEqualTo(404);
		assertThat(signedIn("marie@example.org").get("/workflows/999999/schedules").statusCode()).isEqualTo(404);
	}

	@Test
	void everySignedInUserHasAnAllSchedulesPage() {
		String page = signedIn("someone@example.org").get("/schedules").body();
		assertThat(page).contains("Your scheduled operations").contains("Nothing is scheduled.");
	}

}
