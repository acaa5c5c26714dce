package org.ontask.dataops.store;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTypeTests {

	private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

	@Test
	void dateTimesInEveryIsoFormRead() {
		assertThat(ColumnType.DATETIME.parse("2017-10-11T11:33:44.000+11:00", SYDNEY))
			.isEqualTo(Instant.parse("2017-10-11T00:33:44Z"));
		assertThat(ColumnType.DATETIME.parse("2017-10-11 11:33", ZoneId.of("UTC")))
			.isEqualTo(Instant.parse("2017-10-11T11:33:00Z"));
		assertThat(ColumnType.DATETIME.parse("2024-01-01", SYDNEY)).isEqualTo(Instant.parse("2023-12-31T13:00:00Z"));
		assertThat(ColumnType.DATETIME.parse("2024-01-01T10:00:00Z", SYDNEY))
			.isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
		assertThat(ColumnType.DATETIME.parse("2024-01-01 10:00:00.5-0230", SYDNEY))
			.isEqualTo(Instant.parse("2024-01-01T12:30:00.5Z"));
		assertThat(ColumnType.DATETIME.parse("2024-01-01 10:00+01", SYDNEY))
			.isEqualTo(Instant.parse("2024-01-01T09:00:00Z"));
		assertThatThrownBy(() -> ColumnType.DATETIME.parse("2024-02-30", SYDNEY))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ColumnType.DATETIME.parse("1/1/18 01:00:00", SYDNEY))
			.hasMessageContaining("not a date and time");
	}

	@Test
	void numbersAndBooleansRead() {
		assertThat(ColumnType.INTEGER.parse(" 300773633.0 ", SYDNEY)).isEqualTo(300773633L);
		assertThatThrownBy(() -> ColumnType.INTEGER.parse("1.5", SYDNEY)).hasMessageContaining("whole number");
		assertThat(ColumnType.DOUBLE.parse("-1.5e3", SYDNEY)).isEqualTo(-1500.0);
		assertThatThrownBy(() -> ColumnType.DOUBLE.parse("NaN", SYDNEY)).hasMessageContaining("not a number");
		assertThat(ColumnType.BOOLEAN.parse("True", SYDNEY)).isEqualTo(true);
		assertThat(ColumnType.STRING.parse("  ", SYDNEY)).isNull();
	}

	@Test
	void profilesInferTheNarrowestType() {
		assertThat(profile("1", "", "3").type()).isEqualTo(ColumnType.INTEGER);
		assertThat(profile("1", "2.5").type()).isEqualTo(ColumnType.DOUBLE);
		assertThat(profile("1.0", "2.0").wholeNumbers()).isTrue();
		assertThat(profile("True", "false").type()).isEqualTo(ColumnType.BOOLEAN);
		assertThat(profile("2024-01-01", "2024-01-02 10:00").type()).isEqualTo(ColumnType.DATETIME);
		assertThat(profile("2024-01-01", "soon").type()).isEqualTo(ColumnType.STRING);
		assertThat(profile("a", "b").keyCandidate()).isTrue();
		assertThat(profile("a", "a").keyCandidate()).isFalse();
		assertThat(profile("a", "").keyCandidate()).isFalse();
	}

	private static ColumnProfile profile(String... values) {
		ColumnProfile profile = new ColumnProfile();
		for (String value : values) {
			profile.observe(value);
		}
		return profile;
	}

}
