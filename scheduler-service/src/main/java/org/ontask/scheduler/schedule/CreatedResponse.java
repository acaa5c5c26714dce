package org.ontask.scheduler.schedule;

/**
 * The answer to a creation.
 *
 * @param id the new schedule
 */
record CreatedResponse(long id) {

}
