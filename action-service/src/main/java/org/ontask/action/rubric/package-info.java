/**
 * The rubric editor page of a rubric action: criteria (columns with categories) by levels
 * (their categories), each cell with a description and the feedback paragraph a learner
 * at that level receives.
 */
package org.ontask.action.rubric;
