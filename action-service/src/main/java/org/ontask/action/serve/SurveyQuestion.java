package org.ontask.action.serve;

/**
 * A question of a survey or an item of a to-do list.
 *
 * @param id its id
 * @param column the column the answer is written to
 * @param label the text shown instead of the column's description, empty for that
 * @param conditionId the action's condition that must hold for it to be shown, null for
 * always
 * @param locked whether a learner cannot change it once answered
 * @param position its place in the survey
 */
public record SurveyQuestion(long id, String column, String label, Long conditionId, boolean locked, int position) {

}
