package org.ontask.workflowaccess;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * workflow-service's events, published exactly as it publishes them through a real
 * broker, change who may open what and reach the service's {@link WorkflowDataLifecycle}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
@DirtiesContext
class WorkflowAccessIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private WorkflowAccess access;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private RabbitAdmin rabbitAdmin;

	@Autowired
	private MessagingNames names;

	@Autowired
	private JdbcClient jdbc;

	private Queue answers;

	@BeforeEach
	void listenToCloneAnswers() {
		this.answers = new Queue(this.names.queue("test", "accesstest.events", "answers." + UUID.randomUUID()), false,
				true, true);
		this.rabbitAdmin.declareQueue(this.answers);
		this.rabbitAdmin.declareBinding(BindingBuilder.bind(this.answers)
			.to(this.names.eventsExchange("accesstest.events"))
			.with("workflow.part-cloned"));
	}

	@AfterEach
	void stopListening() {
		this.rabbitAdmin.deleteQueue(this.answers.getName());
	}

	private void publish(String key, String json) {
		Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType("application/json")
			.build();
		this.rabbit.send(this.names.exchange("workflow.events"), key, message);
	}

	private void created(long id, String name, String owner) {
		publish("workflow.created", "{\"workflowId\":" + id + ",\"name\":\"" + name + "\",\"ownerEmail\":\"" + owner
				+ "\",\"createdAt\":\"2026-11-24T08:00:00Z\"}");
		await().atMost(WAIT).until(() -> opens(id, owner));
	}

	private boolean opens(long id, String email) {
		try {
			this.access.nameOfWorkflowOpenTo(id, email);
			return true;
		}
		catch (ResponseStatusException ex) {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			return false;
		}
	}

	private HttpStatus ownerCheck(long id, String email) {
		try {
			this.access.requireOwner(id, email);
			return HttpStatus.OK;
		}
		catch (ResponseStatusException ex) {
			return HttpStatus.valueOf(ex.getStatusCode().value());
		}
	}

	private int parts(long workflowId) {
		return this.jdbc.sql("SELECT count(*) FROM part WHERE workflow_id = ?")
			.param(workflowId)
			.query(Integer.class)
			.single();
	}

	private void addPart(long workflowId, String label) {
		this.jdbc.sql("INSERT INTO part (workflow_id, label) VALUES (?, ?)").params(workflowId, label).update();
	}

	@Test
	void sharingRenamingAndTransferChangeWhoMayOpenAndWhoOwns() {
		created(7001, "Physics", "ada@example.org");
		assertThat(opens(7001, "bob@example.org")).isFalse();
		assertThat(ownerCheck(7001, "bob@example.org")).isEqualTo(HttpStatus.NOT_FOUND);

		String shared = "{\"workflowId\":7001,\"userEmail\":\"bob@example.org\",\"actorEmail\":\"ada@example.org\","
				+ "\"at\":\"2026-11-24T08:01:00Z\"}";
		publish("workflow.shared", shared);
		// applied twice, still one share
		publish("workflow.shared", shared);
		await().atMost(WAIT).until(() -> opens(7001, "bob@example.org"));
		assertThat(this.access.sharedUsersOf(7001)).containsExactly("bob@example.org");
		assertThat(ownerCheck(7001, "bob@example.org")).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(ownerCheck(7001, "ada@example.org")).isEqualTo(HttpStatus.OK);

		publish("workflow.renamed", "{\"workflowId\":7001,\"name\":\"Physics <2>\",\"actorEmail\":\"bob@example.org\","
				+ "\"at\":\"2026-11-24T08:02:00Z\"}");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.access.nameOfWorkflowOpenTo(7001, "bob@example.org"))
				.isEqualTo("Physics <2>"));

		publish("workflow.transferred", "{\"workflowId\":7001,\"fromEmail\":\"ada@example.org\","
				+ "\"toEmail\":\"bob@example.org\",\"at\":\"2026-11-24T08:03:00Z\"}");
		await().atMost(WAIT).until(() -> ownerCheck(7001, "bob@example.org") == HttpStatus.OK);
		assertThat(opens(7001, "ada@example.org")).isFalse();
		assertThat(this.access.sharedUsersOf(7001)).isEmpty();

		publish("workflow.shared", "{\"workflowId\":7001,\"userEmail\":\"cy@example.org\","
				+ "\"actorEmail\":\"bob@example.org\",\"at\":\"2026-11-24T08:04:00Z\"}");
		await().atMost(WAIT).until(() -> opens(7001, "cy@example.org"));
		publish("workflow.unshared", "{\"workflowId\":7001,\"userEmail\":\"cy@example.org\","
				+ "\"actorEmail\":\"bob@example.org\",\"at\":\"2026-11-24T08:05:00Z\"}");
		await().atMost(WAIT).until(() -> !opens(7001, "cy@example.org"));
	}

	@Test
	void deleteAndFlushReachTheServicesData() {
		created(7002, "Chemistry", "ada@example.org");
		addPart(7002, "table");
		addPart(7002, "action");
		publish("workflow.flushed",
				"{\"workflowId\":7002,\"actorEmail\":\"ada@example.org\",\"at\":\"2026-11-24T08:06:00Z\"}");
		await().atMost(WAIT).until(() -> parts(7002) == 0);
		assertThat(opens(7002, "ada@example.org")).isTrue();

		addPart(7002, "table again");
		publish("workflow.shared", "{\"workflowId\":7002,\"userEmail\":\"bob@example.org\","
				+ "\"actorEmail\":\"ada@example.org\",\"at\":\"2026-11-24T08:07:00Z\"}");
		await().atMost(WAIT).until(() -> opens(7002, "bob@example.org"));
		publish("workflow.deleted",
				"{\"workflowId\":7002,\"actorEmail\":\"ada@example.org\",\"at\":\"2026-11-24T08:08:00Z\"}");
		await().atMost(WAIT).until(() -> !opens(7002, "ada@example.org"));
		assertThat(parts(7002)).isZero();
		assertThat(opens(7002, "bob@example.org")).isFalse();
		assertThat(this.access.sharedUsersOf(7002)).isEmpty();
	}

	@Test
	void aCloneCopiesThePartForTheClonerAndAnswersPartCloned() {
		created(7003, "Biology", "ada@example.org");
		addPart(7003, "table");
		addPart(7003, "action");
		publish("workflow.clone-requested", "{\"sourceWorkflowId\":7003,\"cloneWorkflowId\":7004,"
				+ "\"name\":\"Copy of Biology\",\"ownerEmail\":\"bob@example.org\",\"at\":\"2026-11-24T08:09:00Z\"}");
		Message answer = this.rabbit.receive(this.answers.getName(), WAIT.toMillis());
		assertThat(answer).isNotNull();
		assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("\"cloneWorkflowId\":7004")
			.contains("\"service\":\"accesstest-service\"")
			.contains("\"succeeded\":true");
		assertThat(parts(7004)).isEqualTo(2);
		assertThat(this.access.nameOfWorkflowOpenTo(7004, "bob@example.org")).isEqualTo("Copy of Biology");
		assertThat(opens(7004, "ada@example.org")).isFalse();
	}

	@Test
	void aFailedCopyLeavesNothingAndAnswersWhy() {
		created(AccessTestApplication.UNCOPYABLE, "Damaged", "ada@example.org");
		addPart(AccessTestApplication.UNCOPYABLE, "table");
		publish("workflow.clone-requested", "{\"sourceWorkflowId\":666,\"cloneWorkflowId\":7005,"
				+ "\"name\":\"Copy of Damaged\",\"ownerEmail\":\"ada@example.org\",\"at\":\"2026-11-24T08:10:00Z\"}");
		Message answer = this.rabbit.receive(this.answers.getName(), WAIT.toMillis());
		assertThat(answer).isNotNull();
		assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("\"cloneWorkflowId\":7005")
			.contains("\"succeeded\":false")
			.contains("the parts of workflow 666 are damaged");
		assertThat(parts(7005)).isZero();
		assertThatThrownBy(() -> this.access.nameOfWorkflowOpenTo(7005, "ada@example.org"))
			.isInstanceOf(ResponseStatusException.class);
	}

}
