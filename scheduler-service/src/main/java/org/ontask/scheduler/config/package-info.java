/**
 * Service-wide technical configuration: settings and the event subscriptions.
 */
package org.ontask.scheduler.config;
