/**
 * Preview: an action's message as one learner of its filter receives it, with the values
 * it uses and each condition's truth, produced by
 * {@link org.ontask.action.preview.MessageRenderer}, the rendering code runs use too.
 */
package org.ontask.action.preview;
