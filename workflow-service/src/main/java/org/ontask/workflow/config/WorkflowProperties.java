package org.ontask.workflow.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * workflow-service settings, prefix {@code ontask.workflow}.
 *
 * @param cloning how clones are coordinated
 * @param history which events the history records
 * @param presence how long a page counts as open without a sign of life
 */
@ConfigurationProperties("ontask.workflow")
public record WorkflowProperties(@DefaultValue Cloning cloning, @DefaultValue History history,
		@DefaultValue Presence presence) {

	/**
	 * Clone coordination.
	 *
	 * @param participants the applications that hold parts of a workflow and must answer
	 * {@code workflow.part-cloned} on their own {@code <short>.events} exchange before a
	 * clone becomes visible ({@code ONTASK_CLONE_PARTICIPANTS})
	 * @param timeout how long to wait for every answer before the clone is removed
	 * ({@code ONTASK_CLONE_TIMEOUT})
	 * @param checkInterval how often clones past their timeout are looked for
	 */
	public record Cloning(@DefaultValue( {
			"dataops-service", "action-service" }) List<String> participants, @DefaultValue("2m") Duration timeout,
			@DefaultValue("10s") Duration checkInterval){

	}

	/**
	 * The history.
	 *
	 * @param subscriptions {@code exchange:routing-key-pattern} pairs the history
	 * records; an event is kept when its JSON has a {@code workflowId} (or
	 * {@code cloneWorkflowId}) of an existing workflow
	 */
	public record History(@DefaultValue( {
			"workflow.events:workflow.*", "dataops.events:table.*", "dataops.events:column.*", "dataops.events:rows.*",
			"action.events:#", "scheduler.events:#" }) List<String> subscriptions){

	}

	/**
	 * Presence: who else has a workflow open.
	 *
	 * @param ttl how long a page counts as open after its last sign of life (the page
	 * renews it every third of this)
	 */
	public record Presence(@DefaultValue("45s") Duration ttl) {

	}

	/**
	 * The exchange an application publishes its events to: {@code dataops-service} →
	 * {@code dataops.events}.
	 * @param application the application name
	 * @return its events exchange
	 */
	public static String eventsExchangeOf(String application) {
		String shortName = application.endsWith("-service")
				? application.substring(0, application.length() - "-service".length()) : application;
		return shortName + ".events";
	}

}
