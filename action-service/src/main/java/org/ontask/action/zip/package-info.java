/**
 * ZIP export: the personalised text of every selected learner as an HTML file in a ZIP,
 * named from chosen columns (optionally as Moodle feedback files), streamed to the
 * browser as it is produced.
 */
package org.ontask.action.zip;
