package org.ontask.launcher;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppTests {

	@Test
	void usesTheArchitecturePortsWithTheDefaultBase() {
		assertThat(App.GATEWAY.port(8080)).isEqualTo(8080);
		assertThat(App.AUTH_SERVICE.port(8080)).isEqualTo(8081);
		assertThat(App.WORKFLOW_SERVICE.port(8080)).isEqualTo(8082);
		assertThat(App.DATAOPS_SERVICE.port(8080)).isEqualTo(8083);
		assertThat(App.ACTION_SERVICE.port(8080)).isEqualTo(8084);
		assertThat(App.SCHEDULER_SERVICE.port(8080)).isEqualTo(8085);
		assertThat(App.CONFIG_SERVER.port(8080)).isEqualTo(8888);
	}

	@Test
	void shiftsEveryPortWithTheBase() {
		assertThat(App.GATEWAY.port(20000)).isEqualTo(20000);
		assertThat(App.SCHEDULER_SERVICE.port(20000)).isEqualTo(20005);
		assertThat(App.CONFIG_SERVER.port(20000)).isEqualTo(20808);
	}

	@Test
	void findsEachJarInItsModule() {
		assertThat(App.DATAOPS_SERVICE.jar(Path.of("/repo")))
			.isEqualTo(Path.of("/repo/dataops-service/target/dataops-service.jar"));
	}

	@Test
	void namesTheUrlVariableOfEachServiceTheGatewayRoutesTo() {
		assertThat(App.services()).extracting(App::urlVariable)
			.containsExactly("ONTASK_AUTH_SERVICE_URL", "ONTASK_WORKFLOW_SERVICE_URL", "ONTASK_DATAOPS_SERVICE_URL",
					"ONTASK_ACTION_SERVICE_URL", "ONTASK_SCHEDULER_SERVICE_URL");
	}

	@Test
	void stopsTheGatewayFirstAndTheInfrastructureLast() {
		assertThat(StopCommand.ALL).first().isEqualTo("gateway");
		assertThat(StopCommand.ALL).last().isEqualTo("infra");
		assertThat(StopCommand.ALL).hasSize(App.values().length + 1);
	}

}
