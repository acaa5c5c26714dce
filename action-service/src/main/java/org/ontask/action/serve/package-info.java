/**
 * What learners see: an action published at {@code /serve/{action}} (on or off, with an
 * optional time window) shows each signed-in learner the text rendered for their own row,
 * or the survey or to-do list of their row, whose answers are written into that row
 * through dataops. The row is always chosen on the server (the action's filter and the
 * learner column equal to the account's email), never from the request. Every visit is
 * recorded; instructors see the visits, edit the questions and fill a survey for any
 * learner.
 */
package org.ontask.action.serve;
