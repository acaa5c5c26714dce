package org.ontask.platform.messaging;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends again the events whose publication did not complete (the broker was down or did
 * not confirm), so nothing written to the outbox is lost, only delayed. Consumers are
 * idempotent, so a resend of an event that did arrive does no harm. Also deletes the
 * publications that completed longer ago than {@code ontask.messaging.keep-completed}:
 * they name workflows and people, and a deleted workflow must leave no trace.
 */
class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final IncompleteEventPublications incomplete;

	private final Duration resubmitAfter;

	private final CompletedEventPublications completed;

	private final Duration keepCompleted;

	OutboxRelay(IncompleteEventPublications incomplete, Duration resubmitAfter, CompletedEventPublications completed,
			Duration keepCompleted) {
		this.incomplete = incomplete;
		this.resubmitAfter = resubmitAfter;
		this.completed = completed;
		this.keepCompleted = keepCompleted;
	}

	@Scheduled(fixedDelayString = "${ontask.messaging.purge-interval:1m}",
			initialDelayString = "${ontask.messaging.purge-interval:1m}")
	void purgeCompleted() {
		try {
			this.completed.deletePublicationsOlderThan(this.keepCompleted);
		}
		catch (RuntimeException ex) {
			log.warn("Purging completed outbox entries failed, will try again: {}", ex.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${ontask.messaging.resubmit-interval:10s}",
			initialDelayString = "${ontask.messaging.resubmit-interval:10s}")
	void resubmit() {
		try {
			this.incomplete.resubmitIncompletePublicationsOlderThan(this.resubmitAfter);
		}
		catch (RuntimeException ex) {
			log.warn("Outbox resubmission failed, will try again: {}", ex.getMessage());
		}
	}

}
