/**
 * Events between services: the outbox (Modulith's JDBC event publication registry)
 * forwarded to RabbitMQ with publisher confirms, exchange and queue naming, and the
 * declarations a consumer needs.
 */
package org.ontask.platform.messaging;
