package org.ontask.action.action;

/**
 * The id of something just created.
 *
 * @param id the id
 */
public record CreatedResponse(long id) {

}
