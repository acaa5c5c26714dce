package org.ontask.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class ConfigServerApplicationIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Test
	void servesSharedAndPerAppConfigurationFromTheBakedInRepository() {
		ResponseEntity<String> response = this.rest.getForEntity("/workflow-service/default", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("config-repo/workflow-service.yml")
			.contains("config-repo/application.yml")
			.contains("workflow.events");
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway", "auth-service", "workflow-service", "dataops-service", "action-service",
			"scheduler-service" })
	void everyAppsConfigurationLoadsInEveryProfile(String app) {
		for (String profile : new String[] { "default", "docker", "k8s" }) {
			ResponseEntity<String> response = this.rest.getForEntity("/" + app + "/" + profile, String.class);
			assertThat(response.getStatusCode()).as(app + " " + profile).isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void servesTheGatewayRoutes() {
		ResponseEntity<String> response = this.rest.getForEntity("/gateway/default", String.class);
		assertThat(response.getBody()).contains("spring.cloud.gateway.server.webflux.routes[0].id");
	}

	@Test
	void reportsReadiness() {
		assertThat(this.rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

}
