package org.ontask.workflow;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TcpProxy;
import org.ontask.testsupport.TestBrowser;
import org.ontask.testsupport.TestInfrastructure;
import org.ontask.testsupport.TestSessions;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.SessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox: a workflow created while RabbitMQ cannot be reached is created at once, and
 * its {@code workflow.created} event reaches consumers once RabbitMQ is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class WorkflowCreatedOutboxIntegrationTests {

	private static final TestInfrastructure.Amqp broker = TestInfrastructure.get().amqp();

	/** The service reaches the broker only through this relay, which the test cuts. */
	private static final TcpProxy relay = new TcpProxy(broker.host(), broker.port());

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<?> sessions;

	@Autowired
	private MessagingNames names;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void brokerThroughTheRelay(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.addresses", () -> "amqp://" + broker.user() + ":" + broker.password()
				+ "@127.0.0.1:" + relay.port() + ("/".equals(broker.virtualHost()) ? "" : "/" + broker.virtualHost()));
		registry.add("ontask.messaging.resubmit-interval", () -> "1s");
		registry.add("ontask.messaging.resubmit-after", () -> "2s");
	}

	@AfterAll
	static void closeRelay() {
		relay.close();
	}

	@Test
	void anEventPublishedWhileTheBrokerIsUnreachableIsDeliveredWhenItIsBack() {
		CachingConnectionFactory direct = new CachingConnectionFactory(broker.host(), broker.port());
		direct.setUsername(broker.user());
		direct.setPassword(broker.password());
		direct.setVirtualHost(broker.virtualHost());
		try {
			RabbitAdmin admin = new RabbitAdmin(direct);
			// exclusive, not auto-delete: it must outlive the empty receive below
			Queue observer = new Queue(this.names.queue("test", "workflow.events", "outbox-observer"), false, true,
					false);
			admin.declareExchange(this.names.eventsExchange("workflow.events"));
			admin.declareQueue(observer);
			admin.declareBinding(BindingBuilder.bind(observer)
				.to(this.names.eventsExchange("workflow.events"))
				.with("workflow.created"));
			RabbitTemplate observerTemplate = new RabbitTemplate(direct);

			relay.cut();
			TestBrowser browser = new TestBrowser("http://localhost:" + this.port).withCookie("SESSION",
					TestSessions.signIn(this.sessions, "outage@example.org", "Outage", "INSTRUCTOR"));
			browser.get("/");
			long start = System.nanoTime();
			HttpResponse<String> created = browser.postJson("/api/workflows", "{\"name\":\"Made during an outage\"}");
			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			String id = created.headers().firstValue("Location").orElseThrow().replaceAll("\\D", "");

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.jdbc.queryForObject(
						"select count(*) from event_publication where completion_date is null", Integer.class))
					.isPositive());
			assertThat(observerTemplate.receive(observer.getName(), 2000)).isNull();

			relay.restore();
			Message delivered = observerTemplate.receive(observer.getName(), Duration.ofSeconds(60).toMillis());
			assertThat(delivered).isNotNull();
			assertThat(new String(delivered.getBody())).contains("\"workflowId\":" + id)
				.contains("Made during an outage");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.jdbc.queryForObject(
						"select count(*) from event_publication where completion_date is null", Integer.class))
					.isZero());
		}
		finally {
			relay.restore();
			direct.destroy();
		}
	}

}
