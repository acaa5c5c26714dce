package org.ontask.scheduler.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimingTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

	private static Timing.Input cron(String cron, String start, String end) {
		return new Timing.Input(null, cron, null, null, null, start, end, null);
	}

	@Test
	void aStandardCronIsTranslatedToQuartzAndDescribedInWords() {
		Cron cron = Cron.parse("0 9 * * 1");
		assertThat(cron.quartz()).isEqualTo("0 0 9 ? * MON");
		assertThat(cron.describe()).isEqualTo("at 09:00 on Monday");
		assertThat(Cron.parse("30 8 * * 1-5").describe()).isEqualTo("at 08:30 on Monday to Friday");
		assertThat(Cron.parse("30 8 * * 1-5").quartz()).isEqualTo("0 30 8 ? * MON,TUE,WED,THU,FRI");
		assertThat(Cron.parse("0 9 * * 0").quartz()).isEqualTo("0 0 9 ? * SUN");
		assertThat(Cron.parse("0 9 * * 7").describe()).isEqualTo("at 09:00 on Sunday");
		assertThat(Cron.parse("0 9 * * mon,wed,fri").describe()).isEqualTo("at 09:00 on Monday, Wednesday and Friday");
		assertThat(Cron.parse("*/15 * * * *").describe()).isEqualTo("every 15 minutes");
		assertThat(Cron.parse("* * * * *").describe()).isEqualTo("every minute");
		assertThat(Cron.parse("0 9 * * *").describe()).isEqualTo("at 09:00 every day");
		assertThat(Cron.parse("0 9,17 1 * *").describe()).isEqualTo("at 09:00 and 17:00 on day 1 of the month");
		assertThat(Cron.parse("0 9,17 1 * *").quartz()).isEqualTo("0 0 9,17 1 * ?");
		assertThat(Cron.parse("0 12 * 1,7 *").describe())
			.isEqualTo("at 12:00 every day in January and July".replace(" every day", ""));
		assertThat(Cron.parse("5 * * * *").describe()).isEqualTo("at minute 5 of every hour");
	}

	@Test
	void anInvalidCronNamesTheFieldInStandardOrder() {
		assertThatThrownBy(() -> Cron.parse("61 9 * * *")).hasMessageContaining("minute field")
			.hasMessageContaining("\"61\"")
			.hasMessageContaining("0 to 59");
		assertThatThrownBy(() -> Cron.parse("0 25 * * *")).hasMessageContaining("hour field")
			.hasMessageContaining("0 to 23");
		assertThatThrownBy(() -> Cron.parse("0 9 32 * *")).hasMessageContaining("day of month field");
		assertThatThrownBy(() -> Cron.parse("0 9 * 13 *")).hasMessageContaining("month field")
			.hasMessageContaining("\"The month field");
		assertThatThrownBy(() -> Cron.parse("0 9 * * 8")).hasMessageContaining("day of week field");
		assertThatThrownBy(() -> Cron.parse("0 9 * * FUNDAY")).hasMessageContaining("day of week field");
		assertThatThrownBy(() -> Cron.parse("0 9 * *")).hasMessageContaining("five fields")
			.hasMessageContaining("minute, hour, day of month, month and day of week");
		assertThatThrownBy(() -> Cron.parse("0 9 5-1 * *")).hasMessageContaining("day of month field")
			.hasMessageContaining("backwards");
		assertThatThrownBy(() -> Cron.parse("*/0 9 * * *")).hasMessageContaining("minute field");
		assertThatThrownBy(() -> Cron.parse("0 9 1 * 1")).hasMessageContaining("day of month")
			.hasMessageContaining("day of week");
	}

	@Test
	void aCronKeepsItsLocalTimeAcrossADaylightSavingChange() {
		// the UK moves to BST on Sunday 29 March 2026: 09:00 local is 09:00Z before,
		// 08:00Z
		// after
		Timing timing = Timing.of(cron("0 9 * * *", null, null), LONDON, NOW, null);
		List<Instant> runs = timing.nextRuns(NOW, 12);
		assertThat(runs).contains(Instant.parse("2026-03-28T09:00:00Z"), Instant.parse("2026-03-29T08:00:00Z"),
				Instant.parse("2026-03-30T08:00:00Z"));
		assertThat(runs).allSatisfy((run) -> assertThat(run.atZone(LONDON).getHour()).isEqualTo(9));
		assertThat(timing.describe()).isEqualTo("at 09:00 every day (Europe/London)");
	}

	@Test
	void everyDayKeepsItsLocalTimeAcrossADaylightSavingChange() {
		Timing timing = Timing.of(
				new Timing.Input(null, null, null, null, 1, "2026-03-27T07:30", null, "Europe/London"), LONDON, NOW,
				null);
		assertThat(timing.nextRuns(NOW, 4)).containsExactly(Instant.parse("2026-03-27T07:30:00Z"),
				Instant.parse("2026-03-28T07:30:00Z"), Instant.parse("2026-03-29T06:30:00Z"),
				Instant.parse("2026-03-30T06:30:00Z"));
		assertThat(timing.describe()).startsWith("every day, from 27 Mar 2026 07:30 GMT");
	}

	@Test
	void timesWithoutAnOffsetAreReadInTheUsersZone() {
		Timing timing = Timing.of(
				new Timing.Input("2026-07-01T09:00", null, null, null, null, null, null, "America/New_York"), LONDON,
				NOW, null);
		assertThat(timing.runAt()).isEqualTo(Instant.parse("2026-07-01T13:00:00Z"));
		Timing withOffset = Timing.of(
				new Timing.Input("2026-07-01T09:00:00+02:00", null, null, null, null, null, null, null), LONDON, NOW,
				null);
		assertThat(withOffset.runAt()).isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
		assertThat(withOffset.zone()).isEqualTo(LONDON);
		assertThat(withOffset.describe()).isEqualTo("once at 1 Jul 2026 08:00 BST (Europe/London)");
	}

	@Test
	void badTimingsAreRefusedWithWhatIsWrong() {
		assertThatThrownBy(() -> Timing
			.of(new Timing.Input("2026-03-20T11:00:00Z", null, null, null, null, null, null, null), LONDON, NOW, null))
			.hasMessageContaining("in the past");
		assertThatThrownBy(
				() -> Timing.of(cron("0 9 * * *", "2026-04-10T09:00", "2026-04-01T09:00"), LONDON, NOW, null))
			.hasMessageContaining("is before the start");
		assertThatThrownBy(() -> Timing.of(cron("0 9 * * *", null, "2026-03-19T09:00"), LONDON, NOW, null))
			.hasMessageContaining("end")
			.hasMessageContaining("in the past");
		assertThatThrownBy(
				() -> Timing.of(new Timing.Input(null, null, null, null, null, null, null, null), LONDON, NOW, null))
			.hasMessageContaining("Say when it runs");
		assertThatThrownBy(
				() -> Timing.of(new Timing.Input("2026-04-01T09:00", "0 9 * * *", null, null, null, null, null, null),
						LONDON, NOW, null))
			.hasMessageContaining("only one");
		assertThatThrownBy(
				() -> Timing.of(new Timing.Input(null, null, 0, null, null, null, null, null), LONDON, NOW, null))
			.hasMessageContaining("everyMinutes");
		assertThatThrownBy(() -> Timing
			.of(new Timing.Input(null, "0 9 * * *", null, null, null, null, null, "Mars/Olympus"), LONDON, NOW, null))
			.hasMessageContaining("Mars/Olympus");
		assertThatThrownBy(() -> Timing.of(new Timing.Input("tomorrow", null, null, null, null, null, null, null),
				LONDON, NOW, null))
			.hasMessageContaining("runAt")
			.hasMessageContaining("not a date and time");
		// 29 February in a window that holds none
		assertThatThrownBy(
				() -> Timing.of(cron("0 9 29 2 *", "2026-04-01T00:00", "2027-02-01T00:00"), LONDON, NOW, null))
			.hasMessageContaining("never run");
	}

}
