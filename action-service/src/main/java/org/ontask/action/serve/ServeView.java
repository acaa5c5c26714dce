package org.ontask.action.serve;

import java.time.Instant;

/**
 * One visit of a learner page.
 *
 * @param learnerEmail who
 * @param outcome {@code shown}, {@code unavailable} or {@code answered}
 * @param at when
 */
public record ServeView(String learnerEmail, String outcome, Instant at) {

}
