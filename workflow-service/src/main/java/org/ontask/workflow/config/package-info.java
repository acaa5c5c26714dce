/**
 * Service-wide technical configuration: settings and the RabbitMQ subscriptions of the
 * features.
 */
package org.ontask.workflow.config;
