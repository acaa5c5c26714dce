package org.ontask.auth.lti;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ontask.platform.web.OnTaskSession;
import org.ontask.testsupport.TestBrowser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LTI launches whose target is a learner page of action-service ({@code /serve/{id}}),
 * signed by an independent OAuth 1.0a implementation (python3-oauthlib): a signed one
 * lands there with a learner session every service reads; a forged one never does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class LtiServeLaunchIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SessionRepository<? extends Session> sessions;

	private String url() {
		return "http://localhost:" + this.port + "/lti/launch";
	}

	private static Map<String, String> toServe(String email) {
		Map<String, String> launch = LtiLaunchIntegrationTests.launch(email, "Learner");
		launch.put("custom_ontask_target", "/serve/12");
		return launch;
	}

	private HttpResponse<String> post(TestBrowser browser, String body) {
		return browser.postRaw("/lti/launch", "application/x-www-form-urlencoded", body);
	}

	@Test
	void aSignedLearnerLaunchLandsOnTheLearnerPageSignedInAsALearner() throws Exception {
		String email = "serve-" + UUID.randomUUID() + "@example.org";
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		HttpResponse<String> launched = post(browser,
				LtiLaunchIntegrationTests.sign(url(), "ontask-test", "s3cret-lms", toServe(email), null));
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(302);
		assertThat(launched.headers().firstValue("Location")).hasValue("/serve/12");
		String id = new String(Base64.getDecoder().decode(browser.cookie("SESSION").orElseThrow()),
				StandardCharsets.UTF_8);
		Session session = this.sessions.findById(id);
		assertThat(session).isNotNull();
		SecurityContext context = session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		assertThat(context.getAuthentication().getName()).isEqualTo(email);
		assertThat(context.getAuthentication().getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_LEARNER");
		// the learner page may be shown in the LMS's frame
		assertThat((String) session.getAttribute(OnTaskSession.LAUNCH_LANDING)).isEqualTo("/serve/12");
	}

	@Test
	void aForgedLaunchToALearnerPageSignsNobodyIn() throws Exception {
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		String forged = LtiLaunchIntegrationTests.sign(url(), "ontask-test", "not-the-secret",
				toServe("ana@example.org"), null);
		HttpResponse<String> refused = post(browser, forged);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Location")).isEmpty();
		assertThat(refused.body()).contains("signature is not valid");
		String signed = LtiLaunchIntegrationTests.sign(url(), "ontask-test", "s3cret-lms", toServe("ana@example.org"),
				null);
		String tampered = signed.replace("%2Fserve%2F12", "%2Fserve%2F13").replace("/serve/12", "/serve/13");
		assertThat(tampered).isNotEqualTo(signed);
		assertThat(post(browser, tampered).statusCode()).isEqualTo(403);
		assertThat(browser.get("/account").statusCode()).isEqualTo(302);
	}

}
