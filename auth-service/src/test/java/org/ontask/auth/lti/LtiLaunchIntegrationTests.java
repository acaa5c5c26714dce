package org.ontask.auth.lti;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ontask.platform.messaging.MessagingNames;
import org.ontask.testsupport.TestBrowser;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LTI 1.1 launches signed by an independent OAuth 1.0a implementation: Debian's
 * python3-oauthlib, run by the test with the system python.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// closed after the class, like every other context of this module: a cached context
// would keep this run's exclusive queues (workflow.events subscriptions) from the next
@DirtiesContext
class LtiLaunchIntegrationTests {

	private static final String PYTHON = "/usr/bin/python3";

	@LocalServerPort
	private int port;

	@Autowired
	private RabbitAdmin rabbitAdmin;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private MessagingNames names;

	private String url() {
		return "http://localhost:" + this.port + "/lti/launch";
	}

	static Map<String, String> launch(String email, String roles) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("lti_message_type", "basic-lti-launch-request");
		params.put("lti_version", "LTI-1p0");
		params.put("resource_link_id", "res-" + UUID.randomUUID());
		params.put("context_id", "BIOL1011");
		params.put("context_title", "Biology & <Life> 'One'");
		params.put("roles", roles);
		if (email != null) {
			params.put("lis_person_contact_email_primary", email);
		}
		params.put("lis_person_name_full", "Zoë <Learner>");
		params.put("custom_ontask_target", "/account");
		return params;
	}

	/** The signed form body, as the LMS would post it. */
	static String sign(String url, String key, String secret, Map<String, String> params, String options)
			throws Exception {
		Path script = Files.createTempFile("sign_launch", ".py");
		try (var in = LtiLaunchIntegrationTests.class.getResourceAsStream("/lti/sign_launch.py")) {
			Files.write(script, in.readAllBytes());
		}
		List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), url, key, secret, json(params)));
		if (options != null) {
			command.add(options);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Files.delete(script);
		return output;
	}

	private static String json(Map<String, String> params) {
		return params.entrySet()
			.stream()
			.map((e) -> quote(e.getKey()) + ":" + quote(e.getValue()))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private HttpResponse<String> post(TestBrowser browser, String body) {
		return browser.postRaw("/lti/launch", "application/x-www-form-urlencoded", body);
	}

	@Test
	void aSignedLaunchCreatesTheLearnerSignsThemInAndLandsOnTheTarget() throws Exception {
		String email = "learner-" + UUID.randomUUID() + "@example.org";
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		HttpResponse<String> launched = post(browser,
				sign(url(), "ontask-test", "s3cret-lms", launch(email, "Learner"), null));
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(302);
		assertThat(launched.headers().firstValue("Location")).hasValue("/account");
		HttpResponse<String> account = browser.get("/account");
		assertThat(account.statusCode()).isEqualTo(200);
		assertThat(account.body()).contains(email).contains("LEARNER").contains("Zoë &lt;Learner&gt;");
		// an account made by a launch has no password: it cannot sign in with one
		assertThat(new TestBrowser("http://localhost:" + this.port).signIn(email, "").headers().firstValue("Location"))
			.hasValue("/login?error");
	}

	@Test
	void aLaunchThatCreatesAnAccountAnnouncesItOnAuthEvents() throws Exception {
		Queue created = new Queue(this.names.queue("test", "auth.events", "user.created." + UUID.randomUUID()), false,
				true, false);
		this.rabbitAdmin.declareQueue(created);
		this.rabbitAdmin.declareBinding(
				BindingBuilder.bind(created).to(this.names.eventsExchange("auth.events")).with("user.created"));
		try {
			String email = "announced-" + UUID.randomUUID() + "@example.org";
			post(new TestBrowser("http://localhost:" + this.port),
					sign(url(), "ontask-test", "s3cret-lms", launch(email, "Learner"), null));
			Message message = this.rabbit.receive(created.getName(), 30_000);
			assertThat(message).isNotNull();
			assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains("\"email\":\"" + email + "\"")
				.contains("\"roles\":[\"LEARNER\"]");
		}
		finally {
			this.rabbitAdmin.deleteQueue(created.getName());
		}
	}

	@Test
	void theSameLaunchPostedTwiceIsRefusedTheSecondTime() throws Exception {
		String body = sign(url(), "ontask-test", "s3cret-lms", launch("replay@example.org", "Instructor"), null);
		assertThat(post(new TestBrowser("http://localhost:" + this.port), body).statusCode()).isEqualTo(302);
		HttpResponse<String> replay = post(new TestBrowser("http://localhost:" + this.port), body);
		assertThat(replay.statusCode()).isEqualTo(403);
		assertThat(replay.body()).contains("already used");
	}

	@Test
	void forgedTamperedUnknownStaleAndAnonymousLaunchesAreRefusedWithTheirReason() throws Exception {
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		String forged = sign(url(), "ontask-test", "not-the-secret", launch("forged@example.org", "Instructor"), null);
		assertRefused(post(browser, forged), "signature is not valid");

		String tampered = sign(url(), "ontask-test", "s3cret-lms", launch("tamper@example.org", "Learner"), null)
			.replace("Learner", "Instructor");
		assertRefused(post(browser, tampered), "signature is not valid");

		String unknown = sign(url(), "nobody", "s3cret-lms", launch("unknown@example.org", "Learner"), null);
		assertRefused(post(browser, unknown), "consumer key of this launch is not known");

		String stale = sign(url(), "ontask-test", "s3cret-lms", launch("stale@example.org", "Learner"),
				"{\"timestamp\":\"1500000000\",\"nonce\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}");
		assertRefused(post(browser, stale), "too old");

		String anonymous = sign(url(), "ontask-test", "s3cret-lms", launch(null, "Learner"), null);
		assertRefused(post(browser, anonymous), "no email");

		for (String email : List.of("forged@example.org", "tamper@example.org", "unknown@example.org",
				"stale@example.org")) {
			assertThat(browser.get("/account").statusCode()).as(email).isEqualTo(302);
		}
	}

	private static void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains(reason)
			.doesNotContain("oauth_signature")
			.doesNotContain("lis_person_contact_email_primary");
	}

	@Test
	void theOriginalsEntryPointWorksToo() throws IOException, Exception {
		String body = sign("http://localhost:" + this.port + "/lti_entry", "other", "another-secret",
				launch("entry@example.org", "urn:lti:role:ims/lis/Instructor"), null);
		HttpResponse<String> launched = new TestBrowser("http://localhost:" + this.port).postRaw("/lti_entry",
				"application/x-www-form-urlencoded", body);
		assertThat(launched.statusCode()).isEqualTo(302);
	}

}
