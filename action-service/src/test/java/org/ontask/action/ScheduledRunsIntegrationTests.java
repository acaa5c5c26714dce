package org.ontask.action;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ontask.testsupport.TestBrowser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract C1: scheduler-service's commands on {@code action-service.scheduled-runs}
 * start runs as the schedule's owner, once per execution, incrementally when asked, and
 * what cannot start is published as {@code action.run.refused}.
 */
class ScheduledRunsIntegrationTests extends WorkflowScenarios {

	private static final String QUEUE = "action-service.scheduled-runs";

	private long emailAction(TestBrowser marie, long workflowId) {
		return createAction(marie, workflowId,
				"{\"name\":\"Weekly\",\"type\":\"personalized_text\",\"subject\":\"Hi {{ Given name }}\","
						+ "\"text\":\"<p>Dear {{ Given name }}, your score: {{ Score }}</p>\"}");
	}

	private String commandJson(long scheduleId, long executionId, long workflowId, long actionId, String actor,
			boolean incremental, String parameters) {
		return "{\"scheduleId\":" + scheduleId + ",\"executionId\":" + executionId
				+ ",\"dueAt\":\"2026-11-24T09:00:00Z\",\"workflowId\":" + workflowId + ",\"actionId\":" + actionId
				+ ",\"actorEmail\":\"" + actor + "\",\"incremental\":" + incremental + ",\"parameters\":" + parameters
				+ ",\"somethingNew\":1}";
	}

	private long awaitScheduledRun(long executionId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM action_run WHERE schedule_execution_id = ?")
				.param(executionId)
				.query(Long.class)
				.single() == 1);
		return this.jdbc.sql("SELECT id FROM action_run WHERE schedule_execution_id = ?")
			.param(executionId)
			.query(Long.class)
			.single();
	}

	@Test
	void aCommandStartsOneRunAsTheOwnerAndARedeliveryStartsNoSecond() throws Exception {
		long id = workflow("Scheduled", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = emailAction(marie, id);
		long schedule = IDS.incrementAndGet();
		long execution = IDS.incrementAndGet();
		String subject = "Scheduled " + execution;
		String command = commandJson(schedule, execution, id, action, MARIE, false,
				"{\"emailColumn\":\"Email\",\"subject\":\"" + subject + "\",\"cc\":\"\",\"bcc\":\"\","
						+ "\"trackRead\":false,\"sendSummary\":false,\"exclude\":[\"dan@example.org\"],"
						+ "\"keyColumn\":null,\"targetUrl\":null,\"token\":null}");
		command(QUEUE, command);
		long run = awaitScheduledRun(execution);
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs/";
		JsonNode done = awaitRun(marie, runs + run, "DONE");
		assertThat(done.get("sent").asInt()).isEqualTo(3);
		assertThat(done.get("excluded").asInt()).isEqualTo(1);
		assertThat(mailTo("ana@example.org", subject)).hasSize(1);
		assertThat(mailTo("dan@example.org", subject)).isEmpty();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox("ActionRunStarted", "\"runId\":" + run + ",")).singleElement()
				.asString()
				.contains("\"actorEmail\":\"" + MARIE + "\"")
				.contains("\"scheduleId\":" + schedule + ",\"executionId\":" + execution));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(outbox("ActionRunCompleted", "\"runId\":" + run + ",")).singleElement()
				.asString()
				.contains("\"sent\":3,\"failed\":0,\"excluded\":1,\"status\":\"DONE\"")
				.contains("\"scheduleId\":" + schedule + ",\"executionId\":" + execution));

		// the same command again, twice: no second run, nobody mailed twice
		command(QUEUE, command);
		command(QUEUE, command);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.jdbc.sql("SELECT count(*) FROM action_run WHERE schedule_id = ?")
				.param(schedule)
				.query(Long.class)
				.single()).isEqualTo(1);
			assertThat(mailTo("ana@example.org", subject)).hasSize(1);
			assertThat(outbox("ActionRunRefused", "\"executionId\":" + execution + ",")).isEmpty();
		});
	}

	@Test
	void anIncrementalScheduleOnlyReachesLearnersNotReachedByItsEarlierRuns() throws Exception {
		long id = workflow("Incremental", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = emailAction(marie, id);
		long schedule = IDS.incrementAndGet();
		String subject = "Incremental " + schedule;
		String parameters = "{\"emailColumn\":\"Email\",\"subject\":\"" + subject + "\"}";
		String runs = "/api/workflows/" + id + "/actions/" + action + "/runs/";

		long first = IDS.incrementAndGet();
		command(QUEUE, commandJson(schedule, first, id, action, MARIE, true, parameters));
		assertThat(awaitRun(marie, runs + awaitScheduledRun(first), "DONE").get("sent").asInt()).isEqualTo(4);

		// a learner enrols between the runs
		DATAOPS.table(id).rows().add(sidRow(5, "Eve", "eve@example.org", 55.0, false));
		long second = IDS.incrementAndGet();
		command(QUEUE, commandJson(schedule, second, id, action, MARIE, true, parameters));
		JsonNode done = awaitRun(marie, runs + awaitScheduledRun(second), "DONE");
		assertThat(done.get("total").asInt()).isEqualTo(5);
		assertThat(done.get("sent").asInt()).isEqualTo(1);
		assertThat(done.get("excluded").asInt()).isEqualTo(4);
		assertThat(mailTo("eve@example.org", subject)).hasSize(1);
		for (String learner : List.of("ana", "ben", "cleo", "dan")) {
			assertThat(mailTo(learner + "@example.org", subject)).as(learner).hasSize(1);
		}

		// another schedule of the same action is not incremental over this one
		long other = IDS.incrementAndGet();
		long third = IDS.incrementAndGet();
		command(QUEUE, commandJson(other, third, id, action, MARIE, true, parameters));
		assertThat(awaitRun(marie, runs + awaitScheduledRun(third), "DONE").get("sent").asInt()).isEqualTo(5);
	}

	@Test
	void commandsThatCannotStartAreRefusedOnceWithTheReason() throws Exception {
		long id = workflow("Refused schedules", sidTable());
		TestBrowser marie = api(MARIE, id);
		long action = emailAction(marie, id);
		long schedule = IDS.incrementAndGet();
		String good = "{\"emailColumn\":\"Email\",\"subject\":\"s\"}";

		long deleted = IDS.incrementAndGet();
		command(QUEUE, commandJson(schedule, deleted, id, 987654321L, MARIE, false, good));
		long missingColumn = IDS.incrementAndGet();
		command(QUEUE, commandJson(schedule, missingColumn, id, action, MARIE, false,
				"{\"emailColumn\":\"Gone\",\"subject\":\"s\"}"));
		long notHis = IDS.incrementAndGet();
		command(QUEUE, commandJson(schedule, notHis, id, action, PIERRE, false, good));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(outbox("ActionRunRefused", "\"executionId\":" + deleted + ",")).singleElement()
				.asString()
				.contains("\"scheduleId\":" + schedule)
				.contains("There is no action 987654321");
			assertThat(outbox("ActionRunRefused", "\"executionId\":" + missingColumn + ",")).singleElement()
				.asString()
				.contains("There is no column \\\"Gone\\\"");
			assertThat(outbox("ActionRunRefused", "\"executionId\":" + notHis + ",")).singleElement()
				.asString()
				.contains("There is no workflow " + id);
		});
		// redelivered: refused once only, and never a run
		command(QUEUE, commandJson(schedule, missingColumn, id, action, MARIE, false,
				"{\"emailColumn\":\"Gone\",\"subject\":\"s\"}"));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(outbox("ActionRunRefused", "\"executionId\":" + missingColumn + ",")).hasSize(1);
			assertThat(this.jdbc.sql("SELECT count(*) FROM action_run WHERE schedule_id = ?")
				.param(schedule)
				.query(Long.class)
				.single()).isZero();
		});
	}

}
