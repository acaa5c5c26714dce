/**
 * Read tracking: a run with tracking adds an integer column {@code EmailRead_<n>} to the
 * table and puts a signed 1x1 image {@code /trck?v=<token>} in every HTML message; the
 * first time a message's image is fetched, the learner's cell in that column goes up by
 * one.
 */
package org.ontask.action.tracking;
