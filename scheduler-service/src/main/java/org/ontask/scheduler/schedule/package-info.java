/**
 * Scheduled operations: the pages that list them, per workflow and per user.
 */
package org.ontask.scheduler.schedule;
