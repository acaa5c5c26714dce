package org.ontask.scheduler.schedule;

import java.time.Instant;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * What Quartz runs at a due time, on the one replica that acquired the trigger: records
 * the execution and queues its command. Quartz creates it through Spring, so it gets the
 * service by its constructor.
 */
public class ScheduledRunJob implements Job {

	private final ExecutionService executions;

	ScheduledRunJob(ExecutionService executions) {
		this.executions = executions;
	}

	@Override
	public void execute(JobExecutionContext context) throws JobExecutionException {
		long scheduleId = context.getMergedJobDataMap().getLong(ScheduleTriggers.SCHEDULE_ID);
		Instant dueAt = context.getScheduledFireTime().toInstant();
		Instant nextRun = (context.getNextFireTime() != null) ? context.getNextFireTime().toInstant() : null;
		String firedBy;
		try {
			firedBy = context.getScheduler().getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			firedBy = null;
		}
		try {
			this.executions.fire(scheduleId, dueAt, nextRun, firedBy);
		}
		catch (RuntimeException ex) {
			// Quartz logs it; the next due time runs as usual
			throw new JobExecutionException("Schedule " + scheduleId + " could not run its due time " + dueAt, ex);
		}
	}

}
