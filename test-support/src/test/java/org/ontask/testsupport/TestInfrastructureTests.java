package org.ontask.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfrastructureTests {

	@Test
	void replacesTheDatabaseOfAJdbcUrlAndKeepsItsParameters() {
		assertThat(TestInfrastructure.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "ontask_t1"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/ontask_t1");
		assertThat(TestInfrastructure.withDatabase("jdbc:postgresql://db:5432/postgres?sslmode=disable", "x"))
			.isEqualTo("jdbc:postgresql://db:5432/x?sslmode=disable");
		assertThat(TestInfrastructure.withDatabase("jdbc:postgresql://db:5432", "x"))
			.isEqualTo("jdbc:postgresql://db:5432/x");
	}

	@Test
	void readsBothUrlForms() {
		var jdbc = TestInfrastructure.ConnectionUrl.parse("jdbc:postgresql://h:5432/postgres", "postgres", "");
		assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/postgres");
		assertThat(jdbc.user()).isEqualTo("postgres");
		var uri = TestInfrastructure.ConnectionUrl.parse("postgresql://ann:s3cret@h:6543/main", "postgres", "");
		assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://h:6543/main");
		assertThat(uri.user()).isEqualTo("ann");
		assertThat(uri.password()).isEqualTo("s3cret");
	}

}
