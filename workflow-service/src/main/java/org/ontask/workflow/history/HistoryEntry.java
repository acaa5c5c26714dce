package org.ontask.workflow.history;

import java.time.Instant;

/**
 * One event in a workflow's history.
 *
 * @param id the entry's id
 * @param at when it happened
 * @param actor who did it (an email), or null when the event does not say
 * @param kind the event's routing key, e.g. {@code workflow.renamed}
 * @param source the exchange it came from, e.g. {@code dataops.events}
 * @param details the payload's fields other than the workflow id, as {@code name: value}
 * @param payload the event as published (JSON)
 */
public record HistoryEntry(long id, Instant at, String actor, String kind, String source, String details,
		String payload) {

}
