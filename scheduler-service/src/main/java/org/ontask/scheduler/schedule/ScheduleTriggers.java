package org.ontask.scheduler.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Set;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import org.springframework.stereotype.Component;

/**
 * The Quartz side of the schedules: one durable-less job and one trigger per schedule, in
 * Quartz's JDBC job store (the {@code QRTZ_} tables of the scheduler schema), shared by
 * every replica. Quartz's store joins the caller's transaction, so a schedule row and its
 * trigger are saved or rolled back together.
 */
@Component
class ScheduleTriggers {

	static final String GROUP = "schedules";

	static final String SCHEDULE_ID = "scheduleId";

	private final Scheduler quartz;

	ScheduleTriggers(Scheduler quartz) {
		this.quartz = quartz;
	}

	static JobKey job(long scheduleId) {
		return JobKey.jobKey("schedule-" + scheduleId, GROUP);
	}

	static TriggerKey trigger(long scheduleId) {
		return TriggerKey.triggerKey("schedule-" + scheduleId, GROUP);
	}

	/**
	 * Creates or replaces the trigger of a schedule.
	 * @param scheduleId the schedule
	 * @param timing when it runs
	 * @param paused whether it starts paused
	 * @param now the current time
	 * @return the next due time, or null when there is none
	 */
	Instant schedule(long scheduleId, Timing timing, boolean paused, Instant now) {
		// a job that was executing when its replica died runs again on another one; the
		// execution's unique due time makes that second run send nothing
		JobDetail job = JobBuilder.newJob(ScheduledRunJob.class)
			.withIdentity(job(scheduleId))
			.usingJobData(SCHEDULE_ID, scheduleId)
			.requestRecovery(true)
			.build();
		Trigger trigger = timing.trigger(trigger(scheduleId), job.getKey(), now);
		try {
			// delete, then store: Quartz's in-place replacement does not handle a trigger
			// that changes type (a cron schedule edited into an interval, say)
			this.quartz.deleteJob(job.getKey());
			this.quartz.scheduleJob(job, Set.of(trigger), false);
			if (paused) {
				this.quartz.pauseJob(job.getKey());
			}
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz could not schedule schedule " + scheduleId, ex);
		}
		return nextRun(scheduleId);
	}

	/**
	 * The next due time Quartz holds.
	 * @param scheduleId the schedule
	 * @return the time, or null when none is left
	 */
	Instant nextRun(long scheduleId) {
		try {
			Trigger trigger = this.quartz.getTrigger(trigger(scheduleId));
			Date next = (trigger != null) ? trigger.getNextFireTime() : null;
			return (next != null) ? next.toInstant() : null;
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz could not read schedule " + scheduleId, ex);
		}
	}

	void remove(long scheduleId) {
		try {
			this.quartz.deleteJob(job(scheduleId));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz could not remove schedule " + scheduleId, ex);
		}
	}

	void pause(long scheduleId) {
		try {
			this.quartz.pauseJob(job(scheduleId));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz could not pause schedule " + scheduleId, ex);
		}
	}

	/**
	 * Resumes a paused schedule; a due time missed while paused fires once now (the
	 * misfire policy), if it is still inside the window.
	 */
	void resume(long scheduleId) {
		try {
			this.quartz.resumeJob(job(scheduleId));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz could not resume schedule " + scheduleId, ex);
		}
	}

}
