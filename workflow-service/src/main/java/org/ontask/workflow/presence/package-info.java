/**
 * Who else has a workflow open: each open page renews its user's mark in Redis, which
 * expires shortly after the page is closed, so there is no lock to outlive a tab.
 */
package org.ontask.workflow.presence;
