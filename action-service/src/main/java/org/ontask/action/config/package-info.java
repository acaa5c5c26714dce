/**
 * Service-wide technical configuration: subscriptions and the template engine.
 */
package org.ontask.action.config;
